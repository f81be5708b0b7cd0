// End-to-end test of `tidings diff --format html` in a real browser (run by
// scripts/test-editors.sh): Debian's Chromium, headless, driven by playwright-core.
//
// The expected texts come from the command line, not from the page: `tidings fix` gives the text
// with every safe fix, `tidings check --format json` gives each fix's byte span, and the test
// works out "fix output minus one fix" from those two. The page has to agree with them.
//
// Environment: TIDINGS_BIN (the binary), TIDINGS_SEED (the article), TIDINGS_ARTIFACTS (where
// the screenshots go).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { pathToFileURL } from 'node:url';

const bin = process.env.TIDINGS_BIN;
const seed = process.env.TIDINGS_SEED;
const artifacts = process.env.TIDINGS_ARTIFACTS;
if (!bin || !seed || !artifacts) {
  throw new Error('TIDINGS_BIN, TIDINGS_SEED and TIDINGS_ARTIFACTS must be set');
}
mkdirSync(artifacts, { recursive: true });

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures += 1;
}

/** Runs tidings; exit status 1 only means "findings". */
function tidings(args, input) {
  try {
    return execFileSync(bin, args, { input, maxBuffer: 64 << 20 });
  } catch (error) {
    if (error.status === 1) return error.stdout;
    throw error;
  }
}

const work = mkdtempSync(join(tmpdir(), 'tidings-redline-'));
const original = readFileSync(seed);
const fixed = tidings(['fix', '-'], original);
const report = JSON.parse(tidings(['check', '--format', 'json', seed]).toString('utf8'));
const findings = report.files[0].findings;
const withReplacement = findings.filter((f) => f.replacement !== undefined && f.replacement !== null);
const safe = withReplacement.filter((f) => f.applicability === 'safe');
const page = join(work, 'review.html');
tidings(['diff', '--format', 'html', seed, '-o', page]);

/** `tidings fix` output with one safe fix taken back out, computed on bytes. */
function fixedWithout(finding) {
  let shift = 0;
  for (const f of safe) {
    if (f.start < finding.start) shift += Buffer.byteLength(f.replacement) - (f.end - f.start);
  }
  const at = finding.start + shift;
  const replacementLength = Buffer.byteLength(finding.replacement);
  return Buffer.concat([
    fixed.subarray(0, at),
    original.subarray(finding.start, finding.end),
    fixed.subarray(at + replacementLength),
  ]);
}

// A persistent context on a new, empty profile folder: the fresh --user-data-dir these machines need.
const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  acceptDownloads: true,
  viewport: { width: 1100, height: 900 },
});
try {
  const tab = await context.newPage();
  const requests = [];
  tab.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('blob:')) requests.push(request.url());
  });
  const errors = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  await tab.goto(pathToFileURL(page).href);

  // What the page shows.
  // Overlapping proposals cannot be ticked together: the page shows one and lists the others in
  // its tooltip, counted in data-alternatives.
  const shown = await tab.locator('.fix').count();
  const alternatives = await tab.evaluate(() =>
    Array.from(document.querySelectorAll('[data-alternatives]')).reduce((n, e) => n + Number(e.dataset.alternatives), 0),
  );
  check(
    shown + alternatives === withReplacement.length,
    `page shows ${shown} fixes and ${alternatives} overlapping alternatives; check --format json has ${withReplacement.length}`,
  );
  const ticked = await tab.locator('.fix input:checked').count();
  check(ticked === safe.length, `${ticked} fixes ticked; ${safe.length} are safe`);
  const flags = await tab.locator('.flag').count();
  const flagged = findings.length - withReplacement.length;
  check(flags === flagged, `page shows ${flags} flags; ${flagged} findings carry no replacement`);
  const summary = await tab.locator('#summary').textContent();
  check(summary.includes(`${shown} proposed fixes (${safe.length} safe`), `summary: ${summary}`);

  // Every safe fix ticked: the export is exactly `tidings fix`.
  const allSafe = Buffer.from(await tab.evaluate(() => window.tidingsExport()), 'utf8');
  check(allSafe.equals(fixed), 'export with the safe fixes ticked equals `tidings fix` output');

  // Untick one fix (the garbled Hegseth) and download: `tidings fix` output minus that fix.
  const target = safe.find((f) => f.original === 'HegeSth') ?? safe[0];
  const box = tab.locator(`.fix:has(del:text-is("${target.original}")) input`).first();
  await box.uncheck();
  check(!(await box.isChecked()), `unticked the fix ${target.original} → ${target.replacement}`);
  const [download] = await Promise.all([tab.waitForEvent('download'), tab.click('#download')]);
  const saved = join(work, 'downloaded.txt');
  await download.saveAs(saved);
  check(download.suggestedFilename() === basename(seed), `download is named ${download.suggestedFilename()}`);
  const exported = readFileSync(saved);
  const expected = fixedWithout(target);
  check(exported.equals(expected), 'downloaded text equals `tidings fix` output minus that fix');
  if (!exported.equals(expected)) {
    writeFileSync(join(artifacts, 'redline-expected.txt'), expected);
    writeFileSync(join(artifacts, 'redline-exported.txt'), exported);
  }
  await tab.screenshot({ path: join(artifacts, 'redline.png'), fullPage: true });

  // Reject all gives the original back; accept all safe gives `tidings fix` again.
  await tab.click('#reject-all');
  check((await tab.locator('.fix input:checked').count()) === 0, 'reject all unticks every fix');
  const none = Buffer.from(await tab.evaluate(() => window.tidingsExport()), 'utf8');
  check(none.equals(original), 'export with nothing ticked equals the input');
  await tab.click('#accept-safe');
  const again = Buffer.from(await tab.evaluate(() => window.tidingsExport()), 'utf8');
  check(again.equals(fixed), 'accept all safe restores `tidings fix` output');

  // Clicking a fix's checkbox toggles it too (what a reviewer does).
  const suggestion = withReplacement.find((f) => f.applicability === 'suggest');
  if (suggestion) {
    const suggestBox = tab.locator('.fix input[data-applicability="suggest"]').first();
    check(!(await suggestBox.isChecked()), 'suggestions start unticked');
    await suggestBox.click();
    check(await suggestBox.isChecked(), 'clicking a suggestion ticks it');
  }

  // Dark mode and print stay readable (screenshots for a person to look at).
  await tab.emulateMedia({ colorScheme: 'dark' });
  await tab.screenshot({ path: join(artifacts, 'redline-dark.png') });
  const background = await tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check(background !== 'rgb(255, 255, 255)', `dark mode background is ${background}`);
  await tab.emulateMedia({ media: 'print', colorScheme: 'light' });
  check(!(await tab.locator('#download').isVisible()), 'buttons are hidden in print');

  check(requests.length === 0, `no network requests (${requests.join(', ')})`);
  check(errors.length === 0, `no script errors (${errors.join('; ')})`);

  // Input is escaped: an article carrying markup must not run or render it.
  const hostile = join(work, 'hostile.md');
  writeFileSync(
    hostile,
    'A two -day visit.<script>window.pwned = 1</script> <img src=x onerror="window.pwned = 2">\n' +
      '`<b>code</b>` and a non -European "quote" </article></script>\n',
  );
  const hostilePage = join(work, 'hostile.html');
  tidings(['diff', '--format', 'html', hostile, '-o', hostilePage]);
  const evil = await context.newPage();
  const evilErrors = [];
  evil.on('pageerror', (error) => evilErrors.push(String(error)));
  await evil.goto(pathToFileURL(hostilePage).href);
  check((await evil.evaluate(() => window.pwned)) === undefined, 'markup in the input does not run');
  check((await evil.locator('article img, article script, article b').count()) === 0, 'markup in the input is shown as text');
  const text = await evil.locator('#article').textContent();
  check(text.includes('<script>window.pwned = 1</script>'), 'the markup is visible as text');
  check((await evil.locator('.protected').count()) > 0, 'Markdown code is shown as protected');
  const hostileExport = Buffer.from(await evil.evaluate(() => window.tidingsExport()), 'utf8');
  const hostileFixed = tidings(['fix', '-', '--stdin-filename', 'hostile.md'], readFileSync(hostile));
  check(hostileExport.equals(hostileFixed), 'export of the hostile page equals `tidings fix` output');
  check(evilErrors.length === 0, `no script errors on the hostile page (${evilErrors.join('; ')})`);
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`redline e2e: ${failures} check(s) failed`);
  process.exit(1);
}
console.log(`redline e2e: ok (screenshots in ${artifacts})`);
