//! `dossier-rules check <rules-dir>`: loads every form and language listed
//! in the folder's index.json and reports every mistake, each with the file,
//! the JSON location and the problem.
//!
//! `dossier-rules pack <rules-dir> <out-dir>`: the same check, then writes
//! what the browser loads: `<out-dir>/catalogue.bin` (the languages, and
//! each form's services: group, title and summary keys; the same as
//! `catalogue.json`, for tools and portals), `<out-dir>/<form>.bin`
//! for each form (`rules/pack.rs`), `<out-dir>/<language>.json` for each
//! language (its shared locale files' messages in one compact JSON object),
//! `<out-dir>/catalogue.<language>.json` (the services' titles and
//! summaries, for the catalogue page) and
//! `<out-dir>/<form>.<language>.json` (the form's own messages).
//!
//! Exit code 0 when all is well, 1 when the rules have mistakes (or a file
//! cannot be written), 2 on bad usage.

use serde_json::{Map, Value};
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
    let index = &known.set.index;
    // What the browser reads first: the languages, and each service's
    // group and the message keys of its title and summary.
    let catalogue = known.set.catalogue();
    let text = serde_json::to_string(&catalogue).unwrap_or_default();
    if !write_if_changed(&out.join("catalogue.json"), text.as_bytes()) {
        return ExitCode::from(1);
    }
    // The same for the browser, in postcard (`pack::pack_catalogue`).
    let bin = dossier_engine::rules::pack::pack_catalogue(&catalogue);
    if !write_if_changed(&out.join("catalogue.bin"), &bin) {
        return ExitCode::from(1);
    }
    for form in &known.set.forms {
        let packed = dossier_engine::rules::pack::Packed {
            form: form.clone(),
            sources: known.files_for(&form.def.id).unwrap_or_default(),
        };
        let bytes = dossier_engine::rules::pack::pack(&packed);
        let path = out.join(format!("{}.bin", form.def.id));
        if !write_if_changed(&path, &bytes) {
            return ExitCode::from(1);
        }
    }
    // Each language's shared messages as one file (`<language>.json`), and
    // each form's own (`<form>.<language>.json`), downloaded when the form
    // is opened: compact JSON, the messages as they are (a text or its
    // variants); the check above has read them. The catalogue's lines are
    // read before any form: their texts, taken from the forms' own files
    // (`lines`: only those keys), are `catalogue.<language>.json`, which
    // only the catalogue page fetches (a form's page has them in its own).
    let lines: Vec<String> = catalogue
        .forms
        .iter()
        .flat_map(|f| &f.services)
        .flat_map(|s| [s.title.clone(), s.summary.clone()])
        .collect();
    // (output, files read whole, files of which only `lines` are taken)
    let mut outputs: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for language in &index.languages {
        let forms_files = index
            .forms
            .iter()
            .filter_map(|f| f.messages.get(&language.code).cloned())
            .collect();
        outputs.push((
            format!("{}.json", language.code),
            language.files.clone(),
            Vec::new(),
        ));
        outputs.push((
            format!("catalogue.{}.json", language.code),
            Vec::new(),
            forms_files,
        ));
        for form in &index.forms {
            if let Some(file) = form.messages.get(&language.code) {
                outputs.push((
                    format!("{}.{}.json", form.id, language.code),
                    vec![file.clone()],
                    Vec::new(),
                ));
            }
        }
    }
    for (name, whole, partly) in outputs {
        let mut members = Map::new();
        let read = whole
            .iter()
            .map(|f| (f, true))
            .chain(partly.iter().map(|f| (f, false)));
        for (file, all) in read {
            let path = dir.join(file);
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()));
            match parsed {
                Ok(Value::Object(m)) => {
                    members.extend(m.into_iter().filter(|(k, _)| all || lines.contains(k)))
                }
                Ok(_) => {
                    eprintln!("{}: not a JSON object", path.display());
                    return ExitCode::from(1);
                }
                Err(e) => {
                    eprintln!("{}: {e}", path.display());
                    return ExitCode::from(1);
                }
            }
        }
        // The country names as one list in the country list's order
        // (`country.*`, named by `Catalog::name_list` with the codes each
        // packed form carries), not 250 keys of their own.
        if members.contains_key("country.*") {
            eprintln!("{name}: 'country.*' is written by the packer, not by a locale file");
            return ExitCode::from(1);
        }
        let names: Vec<Value> = known
            .set
            .countries
            .countries
            .iter()
            .filter_map(|c| members.remove(&format!("country.{}", c.code)))
            .collect();
        if !names.is_empty() {
            if names.len() != known.set.countries.countries.len() {
                eprintln!("{name}: some countries have no name in this language");
                return ExitCode::from(1);
            }
            members.insert("country.*".into(), Value::Array(names));
        }
        let text = Value::Object(members).to_string();
        if !write_if_changed(&out.join(name), text.as_bytes()) {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

/// Writes `bytes` to `path` unless it holds them already, so that a
/// watching server does not rebuild for nothing. False when it cannot.
fn write_if_changed(path: &Path, bytes: &[u8]) -> bool {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return true;
    }
    if let Err(e) = std::fs::write(path, bytes) {
        eprintln!("{}: {e}", path.display());
        return false;
    }
    println!("packed: {} ({} bytes)", path.display(), bytes.len());
    true
}
