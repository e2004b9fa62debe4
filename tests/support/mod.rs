//! What the in-browser tests start from: the rules and English messages as
//! the app fetches them, built in (`rules/packed/`, made by `dossier-rules
//! pack rules rules/packed`, which scripts/test runs before these tests).

use dossier::loader::Fetched;

pub fn fetched() -> Fetched {
    let packed = dossier_engine::rules::pack::unpack(include_bytes!(
        "../../rules/packed/temporary-residence.bin"
    ))
    .unwrap();
    let catalogue =
        serde_json::from_str(include_str!("../../rules/packed/catalogue.json")).unwrap();
    Fetched {
        catalogue: std::rc::Rc::new(catalogue),
        packed,
        service: String::new(),
        language: "en".into(),
        language_files: vec![
            (
                "packed/en.json".into(),
                include_str!("../../rules/packed/en.json").into(),
            ),
            (
                "packed/temporary-residence.en.json".into(),
                include_str!("../../rules/packed/temporary-residence.en.json").into(),
            ),
        ],
    }
}
