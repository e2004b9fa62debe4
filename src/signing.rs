//! Signing the filing: the manifest made from the state (plain Rust, tested
//! natively), then, in the browser, the device key signs it (WebCrypto), the
//! bundle file is assembled from the stored files and offered as a
//! download and as a `dossier:bundle` event for a host page.

use crate::state::AppState;
use chrono::Datelike;
use dossier_engine::answers::Answer;
use dossier_engine::bundle::{attachments_of, Manifest, RecordedIssue, RulesFile};
use dossier_engine::rules::FormDef;

/// What the receipt page shows once the bundle is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub file_name: String,
    /// Each applicant's name, as answered.
    pub applicants: Vec<String>,
    /// RFC 7638 thumbprint of the device key (base64url).
    pub thumbprint: String,
    /// (field id, file name, SHA-256) of each document signed.
    pub documents: Vec<Document>,
}

/// A file the receipt lists: whose answer it is, the field, the file's
/// name and SHA-256.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub who: crate::route::Who,
    pub field: String,
    pub name: String,
    pub sha256: String,
}

/// The signed payload for the state's filing, created at the state's clock.
pub fn manifest(state: &AppState, acknowledged: bool) -> Manifest {
    let form = state.form();
    let dossier = state.draft.dossier.clone();
    Manifest {
        form_id: form.def.id.clone(),
        form_version: form.def.version.clone(),
        rules: state
            .env
            .sources
            .iter()
            .map(|(file, sha256)| RulesFile {
                file: file.clone(),
                sha256: sha256.clone(),
            })
            .collect(),
        engine: dossier_engine::VERSION.to_string(),
        language: state.catalog.language.clone(),
        created: state.now,
        attachments: attachments_of(&dossier),
        declaration_id: form.def.declaration.id.clone(),
        declaration_texts: dossier_engine::bundle::declaration_texts(
            &form.def,
            &state.catalog,
            &state.draft.dossier,
        ),
        precheck: RecordedIssue::from_report(state.report(), acknowledged),
        dossier,
    }
}

/// `temporary-residence-SMITH-2026-11-21.json`: the form, the first
/// applicant's family name (the first of the form's `full_name` fields,
/// letters only) and the day.
pub fn file_name(def: &FormDef, m: &Manifest) -> String {
    let surname: String = m
        .dossier
        .applicants
        .first()
        .zip(def.full_name.first())
        .and_then(|(a, field)| a.answers.get(field))
        .and_then(Answer::as_text)
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let day = format!(
        "{:04}-{:02}-{:02}",
        m.created.year(),
        m.created.month(),
        m.created.day()
    );
    if surname.is_empty() {
        format!("{}-{day}.json", m.form_id)
    } else {
        format!("{}-{surname}-{day}.json", m.form_id)
    }
}

/// Each applicant's name as answered, the form's `full_name` fields in
/// order: "SMITH JOHN PAUL".
pub fn names(def: &FormDef, m: &Manifest) -> Vec<String> {
    let mut out = Vec::new();
    for a in &m.dossier.applicants {
        let mut name = String::new();
        for key in &def.full_name {
            if let Some(part) = a.answers.get(key).and_then(Answer::as_text) {
                if !part.trim().is_empty() {
                    if !name.is_empty() {
                        name.push(' ');
                    }
                    name.push_str(part.trim());
                }
            }
        }
        out.push(name);
    }
    out
}

/// The documents a receipt lists: each file answer, in the form's order.
pub fn documents(state: &AppState) -> Vec<Document> {
    let mut out: Vec<Document> = Vec::new();
    for (who, answers) in state.draft.dossier.answer_sets() {
        for f in state.form().def.pages.iter().flat_map(|p| &p.fields) {
            if let Some(Answer::File(file)) = answers.get(&f.id) {
                // A household's shared lease is listed once.
                if !out.iter().any(|doc| doc.sha256 == file.sha256) {
                    out.push(Document {
                        who,
                        field: f.id.clone(),
                        name: file.name.clone(),
                        sha256: file.sha256.clone(),
                    });
                }
            }
        }
    }
    out
}

#[inline(never)]
pub fn start(state: &AppState, dispatch: yew::Callback<crate::state::Action>) {
    let crate::state::Signing::Requested { acknowledged, .. } = state.signing else {
        return;
    };
    let m = manifest(state, acknowledged);
    let documents = documents(state);
    let file_name = file_name(&state.form().def, &m);
    let applicants = names(&state.form().def, &m);
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        dispatch.emit(crate::state::Action::Signed(
            sign_and_offer(m, file_name, applicants, documents).await,
        ));
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (m, file_name, applicants, documents, dispatch);
}

/// Signs `m` with the device key and offers the bundle (all in
/// `js/vault.js`, where it costs the wasm nothing); the receipt, or why it
/// failed (a file no longer stored, the browser refusing WebCrypto).
#[cfg(target_arch = "wasm32")]
pub async fn sign_and_offer(
    m: Manifest,
    file_name: String,
    applicants: Vec<String>,
    documents: Vec<Document>,
) -> Result<Receipt, String> {
    let shas = m.attachments.iter().map(|a| a.sha256.clone()).collect();
    let thumbprint = crate::vault::sign_and_offer(&m.to_json_text(), shas, &file_name).await?;
    Ok(Receipt {
        file_name,
        applicants,
        thumbprint,
        documents,
    })
}
