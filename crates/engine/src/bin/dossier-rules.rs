//! `dossier-rules check <rules-dir>`: loads every form and language listed
//! in the folder's index.json and reports every mistake, each with the file,
//! the JSON location and the problem.
//!
//! `dossier-rules pack <rules-dir> <out-dir>`: the same check, then writes
//! `<out-dir>/<form>.bin` for each form (`rules/pack.rs`), what the browser
//! loads.
//!
//! Exit code 0 when all is well, 1 when the rules have mistakes (or a file
//! cannot be written), 2 on bad usage.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["check", dir] => check(Path::new(dir)),
        ["pack", dir, out] => pack(Path::new(dir), Path::new(out)),
        _ => {
            eprintln!("usage: dossier-rules check <rules-dir> | pack <rules-dir> <out-dir>");
            ExitCode::from(2)
        }
    }
}

fn check(dir: &Path) -> ExitCode {
    match dossier_engine::rules::load_dir(dir) {
        Ok(set) => {
            let languages: Vec<&str> = set
                .index
                .languages
                .iter()
                .map(|l| l.code.as_str())
                .collect();
            for form in &set.forms {
                let fields: usize = form.def.pages.iter().map(|p| p.fields.len()).sum();
                println!(
                    "ok: {} {} ({} pages, {} fields, {} rules) in {}",
                    form.def.id,
                    form.def.version,
                    form.def.pages.len(),
                    fields,
                    form.def.rules.len(),
                    languages.join(", ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{}: {e}", dir.display());
            }
            eprintln!(
                "{} mistake{} in {}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                dir.display()
            );
            ExitCode::from(1)
        }
    }
}

fn pack(dir: &Path, out: &Path) -> ExitCode {
    let status = check(dir);
    if status != ExitCode::SUCCESS {
        return status;
    }
    // Loaded again with each source file's digest, which bundles name.
    let known = match dossier_engine::bundle::verify::KnownRules::load(dir) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: {e}", out.display());
        return ExitCode::from(1);
    }
    // The forms to offer, one id a line, the first shown by default.
    let ids: String = known
        .set
        .forms
        .iter()
        .map(|f| format!("{}\n", f.def.id))
        .collect();
    let list = out.join("forms.txt");
    if std::fs::read_to_string(&list).ok().as_deref() != Some(ids.as_str()) {
        if let Err(e) = std::fs::write(&list, &ids) {
            eprintln!("{}: {e}", list.display());
            return ExitCode::from(1);
        }
    }
    for form in &known.set.forms {
        let packed = dossier_engine::rules::pack::Packed {
            form: form.clone(),
            languages: known.set.index.languages.clone(),
            default_language: known.set.index.default_language.clone(),
            sources: known.files_for(&form.def.id).unwrap_or_default(),
        };
        let bytes = dossier_engine::rules::pack::pack(&packed);
        let path = out.join(format!("{}.bin", form.def.id));
        // Unchanged files are left alone, so a watching server does not
        // rebuild for nothing.
        if std::fs::read(&path).ok().as_deref() == Some(bytes.as_slice()) {
            continue;
        }
        if let Err(e) = std::fs::write(&path, &bytes) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(1);
        }
        println!("packed: {} ({} bytes)", path.display(), bytes.len());
    }
    ExitCode::SUCCESS
}
