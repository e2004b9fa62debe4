//! Rules compiled at build time into one compact file per form, for the
//! browser: `dossier-rules pack rules rules/packed` writes
//! `rules/packed/<form>.bin` after the full check.
//!
//! Why: reading the JSON rules, parsing expressions and checking them cost
//! about 20 KB gzip of the browser's wasm; decoding this file costs a
//! fraction of that. The JSON files stay the source that authors edit,
//! portals read and the verifier loads; this file is derived from them and
//! records their SHA-256, which a signed bundle names.
//!
//! Layout: `DOSSIER-RULES 2\n`, then the form definition (its expressions'
//! source texts left empty), the compiled expressions, the country codes, the languages and the source digests,
//! each in `wire` encoding.

use super::compile::{CompiledField, CompiledForm, CompiledPage};
use super::load::IndexLanguage;
use super::model::*;
use super::read::{CALC_TYPES, FIELD_KINDS, ID_SCHEMES, SCOPES, SEVERITIES, WIDGETS};
use crate::expr::pack::{read_program, write_program};
use crate::expr::Program;
use crate::files::MediaType;
use crate::wire::{Reader, Result, Writer};

const MAGIC: &[u8] = b"DOSSIER-RULES 2\n";

/// What the browser needs to show one form in any of its languages.
#[derive(Debug, Clone)]
pub struct Packed {
    pub form: CompiledForm,
    pub languages: Vec<IndexLanguage>,
    pub default_language: String,
    /// (path inside `rules/`, SHA-256 hex) of the files the form was
    /// compiled from: the form and the country list.
    pub sources: Vec<(String, String)>,
}

pub fn pack(p: &Packed) -> Vec<u8> {
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    let f = &p.form;
    write_def(&mut w, &f.def);
    w.u(f.pages.len() as u64);
    for page in &f.pages {
        opt_program(&mut w, &page.visible_if);
        w.u(page.fields.len() as u64);
        for field in &page.fields {
            opt_program(&mut w, &field.visible_if);
            opt_program(&mut w, &field.required_if);
            programs(&mut w, &field.constraints);
        }
    }
    programs(&mut w, &f.rules);
    programs(&mut w, &f.calculated);
    w.u(f.documents.len() as u64);
    f.documents.iter().for_each(|d| opt_program(&mut w, d));
    w.strs(&f.countries);
    w.u(p.languages.len() as u64);
    for l in &p.languages {
        w.s(&l.code);
        w.s(&l.name);
        w.strs(&l.files);
    }
    w.s(&p.default_language);
    w.u(p.sources.len() as u64);
    for (file, sha) in &p.sources {
        w.s(file);
        w.s(sha);
    }
    w.out
}

/// Reads a packed file; the error names the byte where it went wrong.
pub fn unpack(bytes: &[u8]) -> Result<Packed> {
    let mut r = Reader::new(bytes);
    if r.take(MAGIC.len()).ok() != Some(MAGIC) {
        return Err(
            "this is not a packed rules file of this version (run dossier-rules pack)".into(),
        );
    }
    let def = read_def(&mut r)?;
    let n = r.count()?;
    let mut pages = Vec::with_capacity(n);
    for _ in 0..n {
        let visible_if = read_opt_program(&mut r)?;
        let n = r.count()?;
        let mut fields = Vec::with_capacity(n);
        for _ in 0..n {
            fields.push(CompiledField {
                visible_if: read_opt_program(&mut r)?,
                required_if: read_opt_program(&mut r)?,
                constraints: read_programs(&mut r)?,
            });
        }
        pages.push(CompiledPage { visible_if, fields });
    }
    let rules = read_programs(&mut r)?;
    let calculated = read_programs(&mut r)?;
    let n = r.count()?;
    let documents = (0..n)
        .map(|_| read_opt_program(&mut r))
        .collect::<Result<Vec<_>>>()?;
    let countries = r.strs()?;
    // The compiled parts must line up with the definition they belong to.
    let shaped = pages.len() == def.pages.len()
        && pages
            .iter()
            .zip(&def.pages)
            .all(|(c, p)| c.fields.len() == p.fields.len())
        && rules.len() == def.rules.len()
        && calculated.len() == def.calculated.len()
        && documents.len() == def.documents.len();
    if !shaped {
        return Err(r.error("the compiled expressions do not match the form"));
    }
    let n = r.count()?;
    let mut languages = Vec::with_capacity(n);
    for _ in 0..n {
        languages.push(IndexLanguage {
            code: r.s()?,
            name: r.s()?,
            files: r.strs()?,
        });
    }
    let default_language = r.s()?;
    let n = r.count()?;
    let mut sources = Vec::with_capacity(n);
    for _ in 0..n {
        sources.push((r.s()?, r.s()?));
    }
    if !r.at_end() {
        return Err(r.error("unexpected bytes after the end"));
    }
    Ok(Packed {
        form: CompiledForm::new(def, countries, pages, rules, calculated, documents),
        languages,
        default_language,
        sources,
    })
}

fn opt_program(w: &mut Writer, p: &Option<Program>) {
    w.b(p.is_some());
    if let Some(p) = p {
        write_program(w, p);
    }
}

fn programs(w: &mut Writer, ps: &[Program]) {
    w.u(ps.len() as u64);
    ps.iter().for_each(|p| write_program(w, p));
}

fn read_opt_program(r: &mut Reader) -> Result<Option<Program>> {
    Ok(if r.b()? { Some(read_program(r)?) } else { None })
}

fn read_programs(r: &mut Reader) -> Result<Vec<Program>> {
    let n = r.count()?;
    (0..n).map(|_| read_program(r)).collect()
}

/// The position of `v` in one of the reader's word tables.
fn word<T: PartialEq + Copy>(w: &mut Writer, table: &[(&str, T)], v: T) {
    w.u(table.iter().position(|(_, t)| *t == v).unwrap_or(0) as u64);
}

fn read_word<T: Copy>(r: &mut Reader, table: &[(&str, T)]) -> Result<T> {
    Ok(table[r.tag(table.len() as u8)? as usize].1)
}

fn opt_u(w: &mut Writer, n: Option<u64>) {
    w.b(n.is_some());
    if let Some(n) = n {
        w.u(n);
    }
}

fn read_opt_u(r: &mut Reader) -> Result<Option<u64>> {
    Ok(if r.b()? { Some(r.u()?) } else { None })
}

fn read_opt_u32(r: &mut Reader) -> Result<Option<u32>> {
    Ok(read_opt_u(r)?.map(|n| n.min(u64::from(u32::MAX)) as u32))
}

/// An expression's source text is not packed, only whether there is one:
/// the browser runs the compiled program packed beside it (the source
/// cost 1.2 KB gzip of the download).
fn no_source(src: &Option<ExprSource>) -> Option<ExprSource> {
    src.as_ref().map(|_| String::new())
}

fn write_def(w: &mut Writer, d: &FormDef) {
    w.s(&d.id);
    w.s(&d.version);
    w.s(&d.title);
    w.opt_s(&d.summary);
    w.u(d.sections.len() as u64);
    for s in &d.sections {
        w.s(&s.id);
        w.s(&s.title);
        w.strs(&s.pages);
        word(w, SCOPES, s.scope);
    }
    w.u(d.pages.len() as u64);
    for p in &d.pages {
        w.s(&p.id);
        w.s(&p.title);
        w.opt_s(&p.hint);
        w.strs(&p.content);
        w.opt_s(&no_source(&p.visible_if));
        w.b(p.ends_journey);
        w.b(p.shared);
        w.u(p.fields.len() as u64);
        p.fields.iter().for_each(|f| write_field(w, f));
    }
    w.u(d.rules.len() as u64);
    for r in &d.rules {
        w.s(&r.id);
        w.s("");
        w.s(&r.field);
        w.s(&r.message);
        word(w, SEVERITIES, r.severity);
    }
    w.u(d.calculated.len() as u64);
    for c in &d.calculated {
        w.s(&c.id);
        word(w, CALC_TYPES, c.value_type);
        w.s("");
    }
    w.u(d.documents.len() as u64);
    for doc in &d.documents {
        w.s(&doc.id);
        w.s(&doc.label);
        w.opt_s(&doc.hint);
        w.opt_s(&no_source(&doc.when));
    }
    let dec = &d.declaration;
    for s in [&dec.id, &dec.title, &dec.text, &dec.confirm] {
        w.s(s);
    }
    w.opt_s(&d.name_field);
}

fn write_field(w: &mut Writer, f: &Field) {
    w.s(&f.id);
    word(w, FIELD_KINDS, f.kind);
    w.s(&f.label);
    w.opt_s(&f.hint);
    w.b(f.required);
    w.opt_s(&no_source(&f.required_if));
    w.opt_s(&no_source(&f.visible_if));
    w.opt_s(&f.required_message);
    w.u(f.options.len() as u64);
    for o in &f.options {
        w.s(&o.value);
        w.s(&o.label);
        w.opt_s(&o.hint);
    }
    w.b(f.widget.is_some());
    if let Some(x) = f.widget {
        word(w, WIDGETS, x);
    }
    w.opt_s(&f.scheme_field);
    w.b(f.scheme.is_some());
    if let Some(x) = f.scheme {
        word(w, ID_SCHEMES, x);
    }
    opt_u(w, f.max_length.map(|n| n as u64));
    w.opt_s(&f.autocomplete);
    w.u(f.constraints.len() as u64);
    for c in &f.constraints {
        w.s(&c.id);
        w.s("");
        w.s(&c.message);
        word(w, SEVERITIES, c.severity);
    }
    w.b(f.file.is_some());
    if let Some(rule) = &f.file {
        w.u(rule.types.len() as u64);
        for t in &rule.types {
            w.u(MediaType::ALL.iter().position(|m| m == t).unwrap_or(0) as u64);
        }
        opt_u(w, rule.min_bytes);
        w.u(rule.max_bytes);
        for n in [
            rule.min_width,
            rule.max_width,
            rule.min_height,
            rule.max_height,
        ] {
            opt_u(w, n.map(u64::from));
        }
        opt_u(w, rule.aspect.map(|(a, _)| u64::from(a)));
        opt_u(w, rule.aspect.map(|(_, b)| u64::from(b)));
    }
}

fn read_def(r: &mut Reader) -> Result<FormDef> {
    let (id, version, title, summary) = (r.s()?, r.s()?, r.s()?, r.opt_s()?);
    let n = r.count()?;
    let mut sections = Vec::with_capacity(n);
    for _ in 0..n {
        sections.push(Section {
            id: r.s()?,
            title: r.s()?,
            pages: r.strs()?,
            scope: read_word(r, SCOPES)?,
        });
    }
    let n = r.count()?;
    let mut pages = Vec::with_capacity(n);
    for _ in 0..n {
        let (id, title, hint, content, visible_if, ends_journey, shared) = (
            r.s()?,
            r.s()?,
            r.opt_s()?,
            r.strs()?,
            r.opt_s()?,
            r.b()?,
            r.b()?,
        );
        let n = r.count()?;
        let fields = (0..n).map(|_| read_field(r)).collect::<Result<Vec<_>>>()?;
        pages.push(Page {
            id,
            title,
            hint,
            content,
            visible_if,
            ends_journey,
            shared,
            fields,
        });
    }
    let n = r.count()?;
    let mut rules = Vec::with_capacity(n);
    for _ in 0..n {
        rules.push(CrossRule {
            id: r.s()?,
            assert: r.s()?,
            field: r.s()?,
            message: r.s()?,
            severity: read_word(r, SEVERITIES)?,
        });
    }
    let n = r.count()?;
    let mut calculated = Vec::with_capacity(n);
    for _ in 0..n {
        calculated.push(Calculated {
            id: r.s()?,
            value_type: read_word(r, CALC_TYPES)?,
            expr: r.s()?,
        });
    }
    let n = r.count()?;
    let mut documents = Vec::with_capacity(n);
    for _ in 0..n {
        documents.push(DocumentRequirement {
            id: r.s()?,
            label: r.s()?,
            hint: r.opt_s()?,
            when: r.opt_s()?,
        });
    }
    let declaration = Declaration {
        id: r.s()?,
        title: r.s()?,
        text: r.s()?,
        confirm: r.s()?,
    };
    let name_field = r.opt_s()?;
    Ok(FormDef {
        id,
        version,
        title,
        summary,
        sections,
        pages,
        rules,
        calculated,
        documents,
        declaration,
        name_field,
    })
}

fn read_field(r: &mut Reader) -> Result<Field> {
    let (id, kind, label, hint, required) = (
        r.s()?,
        read_word(r, FIELD_KINDS)?,
        r.s()?,
        r.opt_s()?,
        r.b()?,
    );
    let (required_if, visible_if, required_message) = (r.opt_s()?, r.opt_s()?, r.opt_s()?);
    let n = r.count()?;
    let mut options = Vec::with_capacity(n);
    for _ in 0..n {
        options.push(ChoiceOption {
            value: r.s()?,
            label: r.s()?,
            hint: r.opt_s()?,
        });
    }
    let widget = if r.b()? {
        Some(read_word(r, WIDGETS)?)
    } else {
        None
    };
    let scheme_field = r.opt_s()?;
    let scheme = if r.b()? {
        Some(read_word(r, ID_SCHEMES)?)
    } else {
        None
    };
    let max_length = read_opt_u(r)?.map(|n| n as usize);
    let autocomplete = r.opt_s()?;
    let n = r.count()?;
    let mut constraints = Vec::with_capacity(n);
    for _ in 0..n {
        constraints.push(Constraint {
            id: r.s()?,
            assert: r.s()?,
            message: r.s()?,
            severity: read_word(r, SEVERITIES)?,
        });
    }
    let file = if r.b()? {
        let n = r.count()?;
        let types = (0..n)
            .map(|_| Ok(MediaType::ALL[r.tag(MediaType::ALL.len() as u8)? as usize]))
            .collect::<Result<Vec<_>>>()?;
        let min_bytes = read_opt_u(r)?;
        let max_bytes = r.u()?;
        let (min_width, max_width) = (read_opt_u32(r)?, read_opt_u32(r)?);
        let (min_height, max_height) = (read_opt_u32(r)?, read_opt_u32(r)?);
        let aspect = match (read_opt_u32(r)?, read_opt_u32(r)?) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        Some(FileRule {
            types,
            min_bytes,
            max_bytes,
            min_width,
            max_width,
            min_height,
            max_height,
            aspect,
        })
    } else {
        None
    };
    Ok(Field {
        id,
        kind,
        label,
        hint,
        required,
        required_if,
        visible_if,
        required_message,
        options,
        widget,
        scheme_field,
        scheme,
        max_length,
        autocomplete,
        constraints,
        file,
    })
}
