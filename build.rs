//! Compiles the default dictionaries in `dictionaries/` into the gazetteer index embedded in
//! the binary (`include_bytes!` of `$OUT_DIR/gazetteer.bin`), so that start-up parses nothing.
#![allow(dead_code)]

#[path = "src/gazetteer/compile.rs"]
mod compile;
#[path = "src/gazetteer/fold.rs"]
mod fold;
#[path = "src/gazetteer/sources.rs"]
mod sources;
#[path = "src/gazetteer/tsv.rs"]
mod tsv;

use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let dir = manifest.join("dictionaries");
    for name in sources::ALL_FILES {
        println!("cargo:rerun-if-changed=dictionaries/{name}");
    }
    for module in ["compile", "fold", "sources", "tsv", "user"] {
        println!("cargo:rerun-if-changed=src/gazetteer/{module}.rs");
    }
    let (entries, lexicon) = match sources::load(&dir) {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::exit(1);
        }
    };
    let index = match compile::compile(&entries, &lexicon, compile::CompileOptions::default(), None)
    {
        Ok(index) => index,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::exit(1);
        }
    };
    // What a user dictionary's cached index depends on besides its bytes: the sources that
    // read and compile dictionaries, and the embedded default it is layered over.
    let mut fingerprint = xxhash_rust::xxh3::Xxh3::new();
    fingerprint.update(compile::MAGIC);
    for module in ["compile", "fold", "tsv", "user"] {
        let source = manifest.join(format!("src/gazetteer/{module}.rs"));
        match std::fs::read(&source) {
            Ok(bytes) => fingerprint.update(&bytes),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", source.display());
                std::process::exit(1);
            }
        }
    }
    fingerprint.update(&index);
    println!(
        "cargo:rustc-env=TIDINGS_INDEX_FINGERPRINT={:032x}",
        fingerprint.digest128()
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("gazetteer.bin");
    if let Err(e) = std::fs::write(Path::new(&out), index) {
        eprintln!("error: cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
}
