//! `dossier-rules check <rules-dir>`: loads every form and language listed
//! in the folder's index.json and reports every mistake, each with the file,
//! the JSON location and the problem. Exit code 0 when all is well, 1 when
//! the rules have mistakes, 2 on bad usage.

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
        _ => {
            eprintln!("usage: dossier-rules check <rules-dir>");
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
