//! The draft saved on the device: what it holds and how it is read back.
//! Reading never fails: a draft that cannot be used is reported and set
//! aside, and the user starts afresh with nothing thrown away.

use dossier_engine::answers::Dossier;
use dossier_engine::json::{self, Value};

/// Bumped when the envelope's shape changes incompatibly.
pub const DRAFT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub format: u32,
    pub form: String,
    pub form_version: String,
    pub dossier: Dossier,
    /// Pages whose Continue succeeded, for the task list.
    pub completed: PageSet,
    /// Pages whose warnings the user has seen and continued past.
    pub warnings_seen: PageSet,
    /// The declaration id accepted, once accepted.
    pub declared: Option<String>,
}

impl Draft {
    /// The text stored on the device.
    pub fn to_text(&self) -> String {
        let set =
            |s: &PageSet| json::value(Value::Array(s.iter().map(|p| json::string(p)).collect()));
        let mut members = vec![
            ("format", json::value(Value::Number(f64::from(self.format)))),
            ("form", json::string(&self.form)),
            ("form_version", json::string(&self.form_version)),
            ("dossier", self.dossier.to_json()),
            ("completed", set(&self.completed)),
            ("warnings_seen", set(&self.warnings_seen)),
        ];
        if let Some(d) = &self.declared {
            members.push(("declared", json::string(d)));
        }
        let mut out = String::new();
        json::write(&mut out, &json::object(members));
        out
    }

    fn from_text(text: &str) -> Option<Draft> {
        let j = json::parse(text).ok()?;
        let set = |key: &str| -> Option<PageSet> {
            match j.get(key).map(|v| &v.value) {
                None => Some(PageSet::default()),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string))
                    .collect(),
                Some(_) => None,
            }
        };
        let format = match j.get("format")?.value {
            Value::Number(n) if n.fract() == 0.0 && (0.0..=1e6).contains(&n) => n as u32,
            _ => return None,
        };
        Some(Draft {
            format,
            form: j.get("form")?.as_str()?.to_string(),
            form_version: j.get("form_version")?.as_str()?.to_string(),
            dossier: Dossier::from_json(j.get("dossier")?)?,
            completed: set("completed")?,
            warnings_seen: set("warnings_seen")?,
            declared: match j.get("declared") {
                Some(d) => Some(d.as_str()?.to_string()),
                None => None,
            },
        })
    }
}

/// A few page ids, in the order first added. A list rather than a set:
/// one more set type would cost kilobytes of wasm for a dozen entries.
#[derive(Debug, Clone, Default, PartialEq)]
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
            completed: ["name".to_string()].into_iter().collect(),
            warnings_seen: PageSet::default(),
            declared: None,
        }
    }

    #[test]
    fn round_trip() {
        let text = sample().to_text();
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
