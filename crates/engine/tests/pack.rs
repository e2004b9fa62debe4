//! The packed rules the browser loads behave exactly as the JSON rules they
//! are made from, and a damaged packed file is refused, never a panic.

mod support;
use support::bundles::*;
use support::Rng;

use dossier_engine::answers::{Answer, Dossier};
use dossier_engine::rules::pack::{pack, unpack, Packed};
use dossier_engine::validate::{validate, Clock};

fn packed() -> Packed {
    let known = known();
    Packed {
        form: known.set.form(FORM_ID).unwrap().clone(),
        sources: known.files_for(FORM_ID).unwrap(),
    }
}

#[test]
fn unpacked_rules_validate_as_the_json_rules_do() {
    let original = packed();
    let back = unpack(&pack(&original)).unwrap();
    // The working-day calendar travels with the form.
    assert_eq!(back.form.calendar.years(), [2024, 2025, 2026]);
    assert_eq!(back.form.calendar, original.form.calendar);
    // Expressions travel compiled; their source texts stay behind, and only
    // whether there is one remains. The notes of where rules come from are
    // for authors: they stay behind too.
    let def = dossier_engine::rules::pack::without_sources(&original.form.def);
    assert!(def
        .rules
        .iter()
        .all(|r| r.assert.is_empty() && r.source.is_none()));
    assert!(def
        .pages
        .iter()
        .flat_map(|p| &p.fields)
        .all(|f| f.source.is_none() && f.visible_if.as_ref().is_none_or(String::is_empty)));
    assert!(
        original.form.def.rules.iter().any(|r| r.source.is_some()),
        "the form gives its rules' sources"
    );
    assert_eq!(back.form.def, def);
    assert_eq!(back.form.countries, original.form.countries);
    assert_eq!(back.sources, original.sources);

    // The same reports for a complete filing, an empty one, one with many
    // problems, and the late-arrival warning at a later clock.
    let mut broken = complete_dossier();
    for (id, value) in [
        ("surname", "Sm1th"),
        ("host_id_number", "110105194912310021"),
        ("phone", "12345"),
        ("nationality", "XYZ"),
    ] {
        broken.applicants[0]
            .answers
            .insert(id.into(), Answer::Text(value.into()));
    }
    let later = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+08:00").unwrap();
    for (dossier, at) in [
        (complete_dossier(), created()),
        (Dossier::for_one(), created()),
        (broken, created()),
        (complete_dossier(), later),
    ] {
        let clock = Clock::at(at);
        assert_eq!(
            validate(&back.form, &dossier, clock),
            validate(&original.form, &dossier, clock)
        );
    }
}

#[test]
fn a_damaged_packed_file_is_refused_never_a_panic() {
    let bytes = pack(&packed());
    assert!(unpack(b"{\"id\": \"temporary-residence\"}")
        .unwrap_err()
        .contains("not a packed rules file"));
    for cut in [16, 17, 100, bytes.len() / 2, bytes.len() - 1] {
        let e = unpack(&bytes[..cut]).unwrap_err();
        assert!(e.starts_with("the packed rules are damaged"), "{e}");
    }
    let mut rng = Rng(0x5eed_9ac4_0000_0001);
    for _ in 0..2_000 {
        let mut damaged = bytes.clone();
        for _ in 0..1 + rng.below(3) {
            let at = 16 + rng.below(damaged.len() - 16);
            damaged[at] = rng.next() as u8;
        }
        let _ = unpack(&damaged);
    }
}

/// `dossier-rules pack` also writes each language's shared messages as one
/// file and each form's own as another, which the browser fetches instead
/// of the language's locale files: together, the same messages, key for
/// key; and a catalogue of the forms with their titles in each language.
#[test]
fn each_language_packs_into_one_file_with_the_same_messages() {
    use dossier_engine::rules::Catalog;
    let out = std::env::temp_dir().join(format!("dossier-pack-{}", std::process::id()));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dossier-rules"))
        .arg("pack")
        .arg(rules_dir())
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for language in &known().set.index.languages {
        let mut sources = Catalog::new(&language.code);
        for file in &known().set.index.language_files(language) {
            let text = std::fs::read_to_string(rules_dir().join(file)).unwrap();
            sources.add_file(file, &text).unwrap();
        }
        let mut packed = Catalog::new(&language.code);
        let forms = known().set.index.forms.iter();
        let files = std::iter::once(format!("{}.json", language.code))
            .chain(forms.map(|f| format!("{}.{}.json", f.id, language.code)));
        for file in files {
            let text = std::fs::read_to_string(out.join(&file)).unwrap();
            packed.add_file(&file, &text).unwrap();
        }
        // The country names are packed as one list, named by the codes
        // each packed form carries.
        let codes = dossier_engine::rules::load::CountryCodes::of(&known().set.countries).codes;
        packed.name_list("country", &codes).unwrap();
        assert!(sources.keys().count() > 600, "{}", language.code);
        assert!(sources.keys().eq(packed.keys()), "{}", language.code);
        for key in sources.keys() {
            assert_eq!(sources.get(key), packed.get(key), "{key}");
        }
    }
    let catalogue: dossier_engine::rules::Catalogue =
        serde_json::from_str(&std::fs::read_to_string(out.join("catalogue.json")).unwrap())
            .unwrap();
    // The browser's copy holds the same; a damaged one is refused.
    let bin = std::fs::read(out.join("catalogue.bin")).unwrap();
    assert_eq!(
        dossier_engine::rules::pack::unpack_catalogue(&bin).unwrap(),
        catalogue
    );
    let err = dossier_engine::rules::pack::unpack_catalogue(&bin[..bin.len() - 3]).unwrap_err();
    assert!(err.contains("damaged"), "{err}");
    let err = dossier_engine::rules::pack::unpack_catalogue(b"{}").unwrap_err();
    assert!(err.contains("not a packed catalogue"), "{err}");
    assert_eq!(catalogue.forms.len(), known().set.index.forms.len());
    assert_eq!(catalogue.forms[0].id, "temporary-residence");
    // Each service by message key; the texts for the catalogue page in
    // `catalogue.<language>.json`, only those of the services' lines.
    let register = &catalogue.forms[0].services[0];
    assert_eq!(
        (register.title.as_str(), register.group.as_str()),
        ("tr.title", "registration")
    );
    let mut lines = Catalog::new("zh-CN");
    let file = "catalogue.zh-CN.json";
    lines
        .add_file(file, &std::fs::read_to_string(out.join(file)).unwrap())
        .unwrap();
    assert_eq!(lines.text("tr.title", &[]), "境外人员临时住宿登记");
    let services = catalogue
        .forms
        .iter()
        .map(|f| f.services.len())
        .sum::<usize>();
    assert_eq!(lines.keys().count(), 2 * services);
    assert_eq!(catalogue.languages.len(), 2);
    std::fs::remove_dir_all(&out).unwrap();
}
