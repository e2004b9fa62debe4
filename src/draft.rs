//! The draft saved on the device: what it holds and how it is read back.
//! Reading never fails: a draft that cannot be used is reported and set
//! aside, and the user starts afresh with nothing thrown away.

use dossier_engine::answers::Dossier;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Bumped when the envelope's shape changes incompatibly.
pub const DRAFT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub format: u32,
    pub form: String,
    pub form_version: String,
    pub dossier: Dossier,
    /// Pages whose Continue succeeded, for the task list.
    #[serde(default)]
    pub completed: BTreeSet<String>,
    /// Pages whose warnings the user has seen and continued past.
    #[serde(default)]
    pub warnings_seen: BTreeSet<String>,
    /// The declaration id accepted, once accepted.
    #[serde(default)]
    pub declared: Option<String>,
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

pub fn read(text: Option<&str>, form_id: &str, form_version: &str) -> DraftRead {
    let Some(text) = text else {
        return DraftRead::None;
    };
    let Ok(mut draft) = serde_json::from_str::<Draft>(text) else {
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

pub fn storage_key(form_id: &str) -> String {
    format!("dossier.draft.{form_id}")
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
            completed: ["name".to_string()].into(),
            warnings_seen: BTreeSet::new(),
            declared: None,
        }
    }

    #[test]
    fn round_trip() {
        let text = serde_json::to_string(&sample()).unwrap();
        assert_eq!(read(Some(&text), "f", "1"), DraftRead::Ready(sample()));
    }

    #[test]
    fn bad_drafts_are_set_aside() {
        assert_eq!(read(Some("{not json"), "f", "1"), DraftRead::Corrupt);
        assert_eq!(read(Some("[]"), "f", "1"), DraftRead::Corrupt);
        assert_eq!(
            read(Some(r#"{"format": 99}"#), "f", "1"),
            DraftRead::Corrupt
        );
        let text = serde_json::to_string(&sample()).unwrap();
        assert_eq!(read(Some(&text), "other-form", "1"), DraftRead::Corrupt);
        assert_eq!(read(None, "f", "1"), DraftRead::None);
    }

    #[test]
    fn outdated_drafts_keep_answers() {
        let text = serde_json::to_string(&sample()).unwrap();
        let DraftRead::Outdated(d) = read(Some(&text), "f", "2") else {
            panic!("expected outdated")
        };
        assert_eq!(d.dossier, sample().dossier);
        assert!(d.completed.is_empty());
    }
}
