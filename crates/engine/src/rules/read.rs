//! Reading rules files into the model, with errors that name the file, the
//! JSON path (`pages[3].fields[1].type`), the line and column, and the
//! problem. Strict: unknown properties are errors, as misspellings are the
//! commonest mistake of a rule author.

use super::load::{Catalog, Country, CountryList, Index, IndexForm, IndexLanguage, RuleError};
use super::model::*;
use crate::json::{self, Json, Value};

/// Parses a rules file's text, turning a syntax error into a located error.
pub fn parse(file: &str, text: &str) -> Result<Json, RuleError> {
    json::parse(text).map_err(|e| RuleError {
        line: Some(e.line as usize),
        column: Some(e.column as usize),
        ..RuleError::at(file, e.path, e.message)
    })
}

/// One JSON object being read: knows its path and which keys it allows.
struct Obj<'a> {
    file: &'a str,
    path: String,
    node: &'a Json,
}

fn error_at(file: &str, path: &str, node: &Json, message: String) -> RuleError {
    RuleError {
        line: (node.line > 0).then_some(node.line as usize),
        column: (node.column > 0).then_some(node.column as usize),
        ..RuleError::at(file, path, message)
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn quoted_list(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'a> Obj<'a> {
    fn new(file: &'a str, path: String, node: &'a Json, known: &[&str]) -> Result<Self, RuleError> {
        let Value::Object(members) = &node.value else {
            return Err(error_at(
                file,
                &path,
                node,
                format!("expected an object, found {}", node.value.kind()),
            ));
        };
        for (key, value) in members {
            if !known.contains(&key.as_str()) {
                return Err(error_at(
                    file,
                    &join(&path, key),
                    value,
                    format!(
                        "unknown field `{key}`, expected one of {}",
                        quoted_list(known)
                    ),
                ));
            }
        }
        Ok(Obj { file, path, node })
    }

    fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn get(&self, key: &str) -> Option<&'a Json> {
        self.node.get(key)
    }

    fn missing(&self, key: &str) -> RuleError {
        error_at(
            self.file,
            &self.path,
            self.node,
            format!("missing field `{key}`"),
        )
    }

    fn wrong(&self, path: &str, node: &Json, expected: &str) -> RuleError {
        error_at(
            self.file,
            path,
            node,
            format!("expected {expected}, found {}", node.value.kind()),
        )
    }

    fn opt_string(&self, key: &str) -> Result<Option<String>, RuleError> {
        match self.get(key) {
            None => Ok(None),
            Some(n) => n
                .as_str()
                .map(|s| Some(s.to_string()))
                .ok_or_else(|| self.wrong(&self.at(key), n, "a string")),
        }
    }

    fn string(&self, key: &str) -> Result<String, RuleError> {
        self.opt_string(key)?.ok_or_else(|| self.missing(key))
    }

    fn flag(&self, key: &str) -> Result<bool, RuleError> {
        match self.get(key) {
            None => Ok(false),
            Some(Json {
                value: Value::Bool(b),
                ..
            }) => Ok(*b),
            Some(n) => Err(self.wrong(&self.at(key), n, "true or false")),
        }
    }

    fn opt_count(&self, key: &str) -> Result<Option<usize>, RuleError> {
        match self.get(key) {
            None => Ok(None),
            Some(
                n @ Json {
                    value: Value::Number(x),
                    ..
                },
            ) => {
                if x.fract() == 0.0 && *x >= 0.0 && *x <= 1e9 {
                    Ok(Some(*x as usize))
                } else {
                    Err(error_at(
                        self.file,
                        &self.at(key),
                        n,
                        format!(
                            "expected a whole number, found {}",
                            crate::decimal::Decimal(*x)
                        ),
                    ))
                }
            }
            Some(n) => Err(self.wrong(&self.at(key), n, "a whole number")),
        }
    }

    /// A list under `key`, each item read by `item` with its own path.
    fn list<T>(
        &self,
        key: &str,
        required: bool,
        item: &dyn Fn(&'a str, String, &'a Json) -> Result<T, RuleError>,
    ) -> Result<Vec<T>, RuleError> {
        match self.get(key) {
            None if required => Err(self.missing(key)),
            None => Ok(Vec::new()),
            Some(Json {
                value: Value::Array(items),
                ..
            }) => {
                let at = self.at(key);
                items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| item(self.file, format!("{at}[{i}]"), n))
                    .collect()
            }
            Some(n) => Err(self.wrong(&self.at(key), n, "a list")),
        }
    }

    fn strings(&self, key: &str, required: bool) -> Result<Vec<String>, RuleError> {
        self.list(key, required, &|file, path, n| {
            n.as_str().map(str::to_string).ok_or_else(|| {
                error_at(
                    file,
                    &path,
                    n,
                    format!("expected a string, found {}", n.value.kind()),
                )
            })
        })
    }

    /// One of a fixed set of words.
    fn word<T: Copy>(
        &self,
        key: &str,
        options: &[(&str, T)],
        default: Option<T>,
    ) -> Result<T, RuleError> {
        let Some(n) = self.get(key) else {
            return default.ok_or_else(|| self.missing(key));
        };
        let s = n
            .as_str()
            .ok_or_else(|| self.wrong(&self.at(key), n, "a string"))?;
        options
            .iter()
            .find(|(w, _)| *w == s)
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                let words: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
                error_at(
                    self.file,
                    &self.at(key),
                    n,
                    format!(
                        "unknown variant `{s}`, expected one of {}",
                        quoted_list(&words)
                    ),
                )
            })
    }
}

/// The keys each object of a form file allows; `rules/schema/form.schema.json`
/// lists the same (checked by a test).
pub const FORM_KEYS: &[&str] = &[
    "id",
    "version",
    "title",
    "summary",
    "sections",
    "pages",
    "rules",
    "calculated",
    "documents",
    "declaration",
    "name_field",
];
pub const SECTION_KEYS: &[&str] = &["id", "title", "pages", "scope"];
pub const PAGE_KEYS: &[&str] = &[
    "shared",
    "id",
    "title",
    "hint",
    "content",
    "visible_if",
    "ends_journey",
    "fields",
];
pub const FIELD_KEYS: &[&str] = &[
    "id",
    "type",
    "label",
    "hint",
    "required",
    "required_if",
    "visible_if",
    "required_message",
    "options",
    "widget",
    "scheme_field",
    "scheme",
    "max_length",
    "autocomplete",
    "constraints",
    "file",
];
pub const FILE_RULE_KEYS: &[&str] = &[
    "types",
    "min_bytes",
    "max_bytes",
    "min_width",
    "max_width",
    "min_height",
    "max_height",
    "aspect",
];
pub const OPTION_KEYS: &[&str] = &["value", "label", "hint"];
pub const CONSTRAINT_KEYS: &[&str] = &["id", "assert", "message", "severity"];
pub const RULE_KEYS: &[&str] = &["id", "assert", "field", "message", "severity"];
pub const CALCULATED_KEYS: &[&str] = &["id", "type", "expr"];
pub const DOCUMENT_KEYS: &[&str] = &["id", "label", "hint", "when"];
pub const DECLARATION_KEYS: &[&str] = &["id", "title", "text", "confirm"];

pub const FIELD_KINDS: &[(&str, FieldKind)] = &[
    ("text", FieldKind::Text),
    ("name", FieldKind::Name),
    ("chinese_name", FieldKind::ChineseName),
    ("date", FieldKind::Date),
    ("datetime", FieldKind::Datetime),
    ("choice", FieldKind::Choice),
    ("country", FieldKind::Country),
    ("phone", FieldKind::Phone),
    ("identity_number", FieldKind::IdentityNumber),
    ("postcode", FieldKind::Postcode),
    ("file", FieldKind::File),
];
pub const WIDGETS: &[(&str, Widget)] = &[("radios", Widget::Radios), ("select", Widget::Select)];
pub const ID_SCHEMES: &[(&str, IdScheme)] = &[
    ("cn_resident_id", IdScheme::CnResidentId),
    ("permanent_residence_card", IdScheme::PermanentResidenceCard),
    ("hk_mo_travel_permit", IdScheme::HkMoTravelPermit),
    ("tw_travel_permit", IdScheme::TwTravelPermit),
    ("passport", IdScheme::Passport),
    ("other", IdScheme::Other),
];
pub const SCOPES: &[(&str, Scope)] = &[
    ("applicant", Scope::Applicant),
    ("helper", Scope::Helper),
    ("filler", Scope::Filler),
];
pub const SEVERITIES: &[(&str, Severity)] = &[
    ("error", Severity::Error),
    ("warning", Severity::Warning),
    ("info", Severity::Info),
];
pub const CALC_TYPES: &[(&str, CalcType)] = &[
    ("bool", CalcType::Bool),
    ("int", CalcType::Int),
    ("string", CalcType::String),
    ("date", CalcType::Date),
    ("timestamp", CalcType::Timestamp),
    ("duration", CalcType::Duration),
];

/// Reads a form file.
pub fn form(file: &str, text: &str) -> Result<FormDef, RuleError> {
    let root = parse(file, text)?;
    let o = Obj::new(file, String::new(), &root, FORM_KEYS)?;
    let declaration_node = o
        .get("declaration")
        .ok_or_else(|| o.missing("declaration"))?;
    Ok(FormDef {
        id: o.string("id")?,
        version: o.string("version")?,
        title: o.string("title")?,
        summary: o.opt_string("summary")?,
        sections: o.list("sections", true, &section)?,
        pages: o.list("pages", true, &page)?,
        rules: o.list("rules", false, &cross_rule)?,
        calculated: o.list("calculated", false, &calculated)?,
        documents: o.list("documents", false, &document)?,
        declaration: declaration(file, "declaration".into(), declaration_node)?,
        name_field: o.opt_string("name_field")?,
    })
}

fn section(file: &str, path: String, n: &Json) -> Result<Section, RuleError> {
    let o = Obj::new(file, path, n, SECTION_KEYS)?;
    Ok(Section {
        id: o.string("id")?,
        title: o.string("title")?,
        pages: o.strings("pages", true)?,
        scope: o.word("scope", SCOPES, Some(Scope::Applicant))?,
    })
}

fn page(file: &str, path: String, n: &Json) -> Result<Page, RuleError> {
    let o = Obj::new(file, path, n, PAGE_KEYS)?;
    Ok(Page {
        id: o.string("id")?,
        title: o.string("title")?,
        hint: o.opt_string("hint")?,
        content: o.strings("content", false)?,
        visible_if: o.opt_string("visible_if")?,
        ends_journey: o.flag("ends_journey")?,
        shared: o.flag("shared")?,
        fields: o.list("fields", false, &field)?,
    })
}

fn field(file: &str, path: String, n: &Json) -> Result<Field, RuleError> {
    let o = Obj::new(file, path, n, FIELD_KEYS)?;
    Ok(Field {
        id: o.string("id")?,
        kind: o.word("type", FIELD_KINDS, None)?,
        label: o.string("label")?,
        hint: o.opt_string("hint")?,
        required: o.flag("required")?,
        required_if: o.opt_string("required_if")?,
        visible_if: o.opt_string("visible_if")?,
        required_message: o.opt_string("required_message")?,
        options: o.list("options", false, &choice_option)?,
        widget: o
            .get("widget")
            .map(|_| o.word("widget", WIDGETS, None))
            .transpose()?,
        scheme_field: o.opt_string("scheme_field")?,
        scheme: o
            .get("scheme")
            .map(|_| o.word("scheme", ID_SCHEMES, None))
            .transpose()?,
        max_length: o.opt_count("max_length")?,
        autocomplete: o.opt_string("autocomplete")?,
        constraints: o.list("constraints", false, &constraint)?,
        file: o
            .get("file")
            .map(|n| file_rule(file, o.at("file"), n))
            .transpose()?,
    })
}

fn file_rule(file: &str, path: String, n: &Json) -> Result<FileRule, RuleError> {
    let o = Obj::new(file, path, n, FILE_RULE_KEYS)?;
    let types = o.list("types", true, &|file, path, n| {
        n.as_str().and_then(MediaType::from_word).ok_or_else(|| {
            error_at(
                file,
                &path,
                n,
                "expected one of `jpeg`, `png`, `pdf`".into(),
            )
        })
    })?;
    let pixels = |key: &str| -> Result<Option<u32>, RuleError> {
        Ok(o.opt_count(key)?.map(|n| n.min(u32::MAX as usize) as u32))
    };
    let aspect = match o.get("aspect") {
        None => None,
        Some(n) => {
            let sides: Vec<usize> = o.list("aspect", true, &|file, path, n| match &n.value {
                Value::Number(x) if x.fract() == 0.0 && *x >= 1.0 && *x <= 1e6 => Ok(*x as usize),
                _ => Err(error_at(
                    file,
                    &path,
                    n,
                    "expected a whole number above 0".into(),
                )),
            })?;
            match sides[..] {
                [w, h] => Some((w as u32, h as u32)),
                _ => {
                    return Err(error_at(
                        file,
                        &o.at("aspect"),
                        n,
                        "expected two numbers, width and height, such as [3, 4]".into(),
                    ))
                }
            }
        }
    };
    Ok(FileRule {
        types,
        min_bytes: o.opt_count("min_bytes")?.map(|n| n as u64),
        max_bytes: o
            .opt_count("max_bytes")?
            .ok_or_else(|| o.missing("max_bytes"))? as u64,
        min_width: pixels("min_width")?,
        max_width: pixels("max_width")?,
        min_height: pixels("min_height")?,
        max_height: pixels("max_height")?,
        aspect,
    })
}

fn choice_option(file: &str, path: String, n: &Json) -> Result<ChoiceOption, RuleError> {
    let o = Obj::new(file, path, n, OPTION_KEYS)?;
    Ok(ChoiceOption {
        value: o.string("value")?,
        label: o.string("label")?,
        hint: o.opt_string("hint")?,
    })
}

fn constraint(file: &str, path: String, n: &Json) -> Result<Constraint, RuleError> {
    let o = Obj::new(file, path, n, CONSTRAINT_KEYS)?;
    Ok(Constraint {
        id: o.string("id")?,
        assert: o.string("assert")?,
        message: o.string("message")?,
        severity: o.word("severity", SEVERITIES, Some(Severity::Error))?,
    })
}

fn cross_rule(file: &str, path: String, n: &Json) -> Result<CrossRule, RuleError> {
    let o = Obj::new(file, path, n, RULE_KEYS)?;
    Ok(CrossRule {
        id: o.string("id")?,
        assert: o.string("assert")?,
        field: o.string("field")?,
        message: o.string("message")?,
        severity: o.word("severity", SEVERITIES, Some(Severity::Error))?,
    })
}

fn calculated(file: &str, path: String, n: &Json) -> Result<Calculated, RuleError> {
    let o = Obj::new(file, path, n, CALCULATED_KEYS)?;
    Ok(Calculated {
        id: o.string("id")?,
        value_type: o.word("type", CALC_TYPES, None)?,
        expr: o.string("expr")?,
    })
}

fn document(file: &str, path: String, n: &Json) -> Result<DocumentRequirement, RuleError> {
    let o = Obj::new(file, path, n, DOCUMENT_KEYS)?;
    Ok(DocumentRequirement {
        id: o.string("id")?,
        label: o.string("label")?,
        hint: o.opt_string("hint")?,
        when: o.opt_string("when")?,
    })
}

fn declaration(file: &str, path: String, n: &Json) -> Result<Declaration, RuleError> {
    let o = Obj::new(file, path, n, DECLARATION_KEYS)?;
    Ok(Declaration {
        id: o.string("id")?,
        title: o.string("title")?,
        text: o.string("text")?,
        confirm: o.string("confirm")?,
    })
}

/// Reads `rules/index.json`.
pub fn index(file: &str, text: &str) -> Result<Index, RuleError> {
    let root = parse(file, text)?;
    let o = Obj::new(
        file,
        String::new(),
        &root,
        &["forms", "countries", "languages", "default_language"],
    )?;
    Ok(Index {
        forms: o.list("forms", true, &|file, path, n| {
            let f = Obj::new(file, path, n, &["id", "file"])?;
            Ok(IndexForm {
                id: f.string("id")?,
                file: f.string("file")?,
            })
        })?,
        countries: o.string("countries")?,
        languages: o.list("languages", true, &|file, path, n| {
            let l = Obj::new(file, path, n, &["code", "name", "files"])?;
            Ok(IndexLanguage {
                code: l.string("code")?,
                name: l.string("name")?,
                files: l.strings("files", true)?,
            })
        })?,
        default_language: o.string("default_language")?,
    })
}

/// Reads `rules/shared/countries.json`.
pub fn countries(file: &str, text: &str) -> Result<CountryList, RuleError> {
    let root = parse(file, text)?;
    let o = Obj::new(file, String::new(), &root, &["$comment", "countries"])?;
    Ok(CountryList {
        countries: o.list("countries", true, &|file, path, n| {
            let c = Obj::new(file, path, n, &["code", "iso3", "kind"])?;
            Ok(Country {
                code: c.string("code")?,
                iso3: c.opt_string("iso3")?,
                kind: c.string("kind")?,
            })
        })?,
    })
}

/// Adds a locale file (a flat object of message key to text) to a catalog.
pub fn locale_file(catalog: &mut Catalog, file: &str, text: &str) -> Result<(), RuleError> {
    let root = parse(file, text)?;
    let Value::Object(members) = &root.value else {
        return Err(error_at(
            file,
            "",
            &root,
            "a locale file must be a JSON object of message keys and texts".into(),
        ));
    };
    for (key, n) in members {
        // A plain text, or exactly {"self": text, "other": text}; read by
        // hand, as the browser reads its messages with this too.
        let text_of = |name: &str| match &n.value {
            Value::Object(parts) if parts.len() == 2 => n.get(name).and_then(Json::as_str),
            _ => None,
        };
        match (&n.value, text_of("self"), text_of("other")) {
            (Value::String(text), _, _) => catalog.insert(file, key, text)?,
            (_, Some(own), Some(other)) => {
                catalog.insert(file, key, own)?;
                catalog.insert(file, &format!("{key}{}", super::load::OTHER), other)?;
            }
            _ => {
                return Err(error_at(
                    file,
                    key,
                    n,
                    format!(
                        "expected a string, or {{\"self\": \"…\", \"other\": \"…\"}} and nothing else, found {}",
                        n.value.kind()
                    ),
                ))
            }
        }
    }
    Ok(())
}
