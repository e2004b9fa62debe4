//! The draft saved on the device: what it holds and how it is read back.
//! Reading never fails: a draft that cannot be used is reported and set
//! aside, and the user starts afresh with nothing thrown away.

use dossier_engine::answers::Dossier;
use dossier_engine::rules::FormDef;
use serde::{Deserialize, Serialize};

/// Bumped when the envelope's shape changes incompatibly.
pub const DRAFT_FORMAT: u32 = 1;

/// JSON through serde; a draft of the previous version (the same members,
/// `declared` left out until given) reads as it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub format: u32,
    pub form: String,
    pub form_version: String,
    pub dossier: Dossier,
    /// Pages whose Continue succeeded, for the task list.
    #[serde(default)]
    pub completed: PageSet,
    /// Pages whose warnings the user has seen and continued past.
    #[serde(default)]
    pub warnings_seen: PageSet,
    /// The declaration id accepted, once accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<String>,
}

impl Draft {
    /// The text stored on the device.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn from_text(text: &str) -> Option<Draft> {
        serde_json::from_str(text).ok()
    }
}

/// A few page ids, in the order first added (a JSON list).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageSet(Vec<String>);

impl PageSet {
    pub fn contains(&self, page: &str) -> bool {
        self.0.iter().any(|p| p == page)
    }

    pub fn insert(&mut self, page: String) {
        if !self.contains(&page) {
            self.0.push(page);
        }
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.iter()
    }

    /// Each entry replaced by what `f` makes of it, or dropped.
    pub fn remap(&mut self, f: impl Fn(&str) -> Option<String>) {
        self.0 = self.0.iter().filter_map(|p| f(p)).collect();
    }
}

impl FromIterator<String> for PageSet {
    fn from_iter<I: IntoIterator<Item = String>>(items: I) -> Self {
        let mut set = PageSet::default();
        for p in items {
            set.insert(p);
        }
        set
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum DraftRead {
    /// Nothing saved yet.
    None,
    Ready(Draft),
    /// Saved for an older version of the form: answers kept, progress reset.
    Outdated(Draft),
    /// Unreadable, or for a format this build does not know: to be set aside.
    Corrupt,
}

/// The people of another filing's saved draft (of any form), as `form`
/// would take them (`dossier_engine::carry`), each a new applicant of the
/// service with the answers that fit; those with none are left out. Empty
/// for a draft that cannot be read.
pub fn people_for(
    text: &str,
    form: &dossier_engine::rules::CompiledForm,
    service: &dossier_engine::rules::ServiceDef,
) -> Vec<dossier_engine::answers::Applicant> {
    let Some(draft) = Draft::from_text(text) else {
        return Vec::new();
    };
    let fresh = crate::state::new_applicant(service);
    draft
        .dossier
        .applicants
        .iter()
        .map(|from| {
            let mut a = fresh.clone();
            dossier_engine::carry::carry(form, from, &mut a);
            a
        })
        .filter(|a| *a != fresh)
        .collect()
}

pub fn read(text: Option<&str>, form_id: &str, form_version: &str) -> DraftRead {
    let Some(text) = text else {
        return DraftRead::None;
    };
    let Some(mut draft) = Draft::from_text(text) else {
        return DraftRead::Corrupt;
    };
    if draft.format != DRAFT_FORMAT || draft.form != form_id || draft.dossier.applicants.is_empty()
    {
        return DraftRead::Corrupt;
    }
    if draft.form_version != form_version {
        draft.form_version = form_version.to_string();
        draft.completed.clear();
        draft.warnings_seen.clear();
        draft.declared = None;
        return DraftRead::Outdated(draft);
    }
    DraftRead::Ready(draft)
}

/// Where the draft of `service` of `form` is kept on the device: the
/// form's key for its first service (as before forms had services), the
/// form's and the service's for the others, so that no service's answers
/// reach another's.
pub fn draft_key(form: &FormDef, service: &str) -> String {
    let first = form.catalogue_services().swap_remove(0).id;
    if service == first {
        storage_key(&form.id)
    } else {
        storage_key(&format!("{}/{service}", form.id))
    }
}

/// Where every draft's key starts.
pub const DRAFT_PREFIX: &str = "dossier.draft.";

pub fn storage_key(form_id: &str) -> String {
    format!("{DRAFT_PREFIX}{form_id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_engine::answers::Answer;

    fn sample() -> Draft {
        let mut dossier = Dossier::for_one();
        dossier.applicants[0]
            .answers
            .insert("surname".into(), Answer::Text("LI".into()));
        Draft {
            format: DRAFT_FORMAT,
            form: "f".into(),
            form_version: "1".into(),
            dossier,
            completed: ["name".to_string()].into_iter().collect(),
            warnings_seen: PageSet::default(),
            declared: None,
        }
    }

    #[test]
    fn each_service_keeps_its_own_draft_and_the_first_keeps_the_forms_key() {
        let form = |services: &str| -> FormDef {
            serde_json::from_str(&format!(
                r#"{{"id": "permit", "version": "1", "title": "t", "sections": [], "pages": [],
                    "declaration": {{"id": "d", "title": "t", "text": "t", "confirm": "t"}},
                    "services": {services}}}"#
            ))
            .unwrap()
        };
        let two = form(
            r#"[{"id": "first", "title": "t", "summary": "s", "group": "residence"},
                {"id": "renewal", "title": "t", "summary": "s", "group": "residence"}]"#,
        );
        assert_eq!(draft_key(&two, "first"), "dossier.draft.permit");
        assert_eq!(draft_key(&two, "renewal"), "dossier.draft.permit/renewal");
        // A form without services is one service, under the form's key.
        let none = form("[]");
        assert_eq!(draft_key(&none, "permit"), "dossier.draft.permit");
    }

    #[test]
    fn round_trip() {
        let text = sample().to_text();
        assert_eq!(read(Some(&text), "f", "1"), DraftRead::Ready(sample()));
    }

    /// A draft as the previous version of the app wrote it (its own JSON
    /// writer): the same members in the same shape.
    #[test]
    fn a_draft_of_the_previous_version_opens() {
        let text = r#"{"format":1,"form":"f","form_version":"1","dossier":{"filler":{"role":"family","answers":{"helper_name":"LI \"LEI\""}},"applicants":[{"answers":{"surname":"LI","date_of_birth":{"day":"1","month":"2","year":"1990"},"photo":{"sha256":"abababababababababababababababababababababababababababababababab","name":"My photo.jpg","type":"image/jpeg","size":40000,"width":354,"height":472}}}]},"completed":["name","me/helper-details"],"warnings_seen":[],"declared":"residence-declaration"}"#;
        let DraftRead::Ready(d) = read(Some(text), "f", "1") else {
            panic!("the previous version's draft does not open")
        };
        assert_eq!(d.dossier.applicants[0].answers.len(), 3);
        assert!(d.completed.contains("me/helper-details"));
        assert_eq!(d.declared.as_deref(), Some("residence-declaration"));
        assert_eq!(read(Some(&d.to_text()), "f", "1"), DraftRead::Ready(d));
    }

    #[test]
    fn bad_drafts_are_set_aside() {
        assert_eq!(read(Some("{not json"), "f", "1"), DraftRead::Corrupt);
        assert_eq!(read(Some("[]"), "f", "1"), DraftRead::Corrupt);
        assert_eq!(
            read(Some(r#"{"format": 99}"#), "f", "1"),
            DraftRead::Corrupt
        );
        let text = sample().to_text();
        assert_eq!(read(Some(&text), "other-form", "1"), DraftRead::Corrupt);
        assert_eq!(read(None, "f", "1"), DraftRead::None);
    }

    #[test]
    fn outdated_drafts_keep_answers() {
        let text = sample().to_text();
        let DraftRead::Outdated(d) = read(Some(&text), "f", "2") else {
            panic!("expected outdated")
        };
        assert_eq!(d.dossier, sample().dossier);
        assert!(d.completed.is_empty());
    }
}
