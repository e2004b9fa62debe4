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
//! Layout: `DOSSIER-RULES 6\n`, then [`PackedFile`] in postcard's encoding
//! (serde's derives of the model): the form definition (its expressions'
//! source texts left empty), the compiled expressions as syntax trees
//! (`expr/pack.rs`), the country codes, the source digests and the
//! working-day calendar. The languages are the catalogue's
//! (`catalogue.bin`, [`pack_catalogue`]), read before any form.

use super::compile::{CompiledForm, CompiledPage};
use super::load::CountryCodes;
use super::model::*;
use crate::expr::Program;
use serde::{Deserialize, Serialize};

const MAGIC: &[u8] = b"DOSSIER-RULES 6\n";

/// What the browser needs to show one form.
#[derive(Debug, Clone)]
pub struct Packed {
    pub form: CompiledForm,
    /// (path inside `rules/`, SHA-256 hex) of the files the form was
    /// compiled from: the form and the country list.
    pub sources: Vec<(String, String)>,
}

/// The file's contents after the magic line.
#[derive(Serialize, Deserialize)]
struct PackedFile {
    def: FormDef,
    countries: CountryCodes,
    pages: Vec<CompiledPage>,
    rules: Vec<Program>,
    rule_params: Vec<Vec<Program>>,
    calculated: Vec<Program>,
    documents: Vec<Option<Program>>,
    sources: Vec<(String, String)>,
    calendar: crate::calendar::Calendar,
}

pub fn pack(p: &Packed) -> Vec<u8> {
    let f = &p.form;
    let file = PackedFile {
        def: without_sources(&f.def),
        countries: f.countries.clone(),
        pages: f.pages.clone(),
        rules: f.rules.clone(),
        rule_params: f.rule_params.clone(),
        calculated: f.calculated.clone(),
        documents: f.documents.clone(),
        sources: p.sources.clone(),
        calendar: f.calendar.clone(),
    };
    let mut out = MAGIC.to_vec();
    // Serializing plain data into memory cannot fail.
    out.extend(postcard::to_allocvec(&file).unwrap_or_default());
    out
}

/// Reads a packed file; the error says what is wrong with it.
const CATALOGUE_MAGIC: &[u8] = b"DOSSIER-CATALOGUE 1\n";

/// The catalogue as the browser reads it (`catalogue.bin`): the same data
/// as `catalogue.json`, which tools and portals read, in postcard. Parsing
/// it as JSON in the browser cost 3 KB gzip of wasm (serde_json's code for
/// each of its types); postcard's is already there for the forms.
pub fn pack_catalogue(c: &super::Catalogue) -> Vec<u8> {
    let mut out = CATALOGUE_MAGIC.to_vec();
    // Serializing plain data into memory cannot fail.
    out.extend(postcard::to_allocvec(c).unwrap_or_default());
    out
}

/// Reads `catalogue.bin`; an error says what is wrong with it.
pub fn unpack_catalogue(bytes: &[u8]) -> Result<super::Catalogue, String> {
    let Some(body) = bytes.strip_prefix(CATALOGUE_MAGIC) else {
        return Err(
            "this is not a packed catalogue of this version (run dossier-rules pack)".into(),
        );
    };
    match postcard::take_from_bytes(body) {
        Ok((c, [])) => Ok(c),
        Ok((_, rest)) => Err(format!(
            "the packed catalogue is damaged ({} unexpected bytes after the end)",
            rest.len()
        )),
        Err(e) => Err(format!("the packed catalogue is damaged ({e})")),
    }
}

pub fn unpack(bytes: &[u8]) -> Result<Packed, String> {
    let Some(body) = bytes.strip_prefix(MAGIC) else {
        return Err(
            "this is not a packed rules file of this version (run dossier-rules pack)".into(),
        );
    };
    let (f, rest): (PackedFile, _) = postcard::take_from_bytes(body)
        .map_err(|e| format!("the packed rules are damaged ({e})"))?;
    if !rest.is_empty() {
        return Err(format!(
            "the packed rules are damaged ({} unexpected bytes after the end)",
            rest.len()
        ));
    }
    // The compiled parts must line up with the definition they belong to.
    let def = &f.def;
    let shaped = f.pages.len() == def.pages.len()
        && f.pages
            .iter()
            .zip(&def.pages)
            .all(|(c, p)| c.fields.len() == p.fields.len())
        && f.rules.len() == def.rules.len()
        && f.rule_params.len() == def.rules.len()
        && f.rule_params
            .iter()
            .zip(&def.rules)
            .all(|(c, r)| c.len() == r.params.len())
        && f.calculated.len() == def.calculated.len()
        && f.documents.len() == def.documents.len();
    if !shaped {
        return Err(
            "the packed rules are damaged: the compiled expressions do not match the form".into(),
        );
    }
    let mut form = CompiledForm::new(
        f.def,
        f.countries,
        f.pages,
        f.rules,
        f.rule_params,
        f.calculated,
        f.documents,
    );
    form.calendar = f.calendar;
    Ok(Packed {
        form,
        sources: f.sources,
    })
}

/// The definition with its expressions' source texts emptied (kept only
/// as "there is one") and the notes of where rules come from dropped: the
/// browser runs the compiled programs packed beside it, and the sources
/// cost 1.2 KB gzip of the download.
pub fn without_sources(def: &FormDef) -> FormDef {
    fn blank(src: &mut Option<ExprSource>) {
        if let Some(s) = src {
            s.clear();
        }
    }
    let mut def = def.clone();
    for page in &mut def.pages {
        blank(&mut page.visible_if);
        page.source = None;
        for field in &mut page.fields {
            blank(&mut field.visible_if);
            blank(&mut field.required_if);
            field.source = None;
            for c in &mut field.constraints {
                c.assert.clear();
                c.source = None;
            }
        }
    }
    for r in &mut def.rules {
        r.assert.clear();
        r.params.values_mut().for_each(String::clear);
        r.source = None;
    }
    for c in &mut def.calculated {
        c.expr.clear();
        c.source = None;
    }
    for d in &mut def.documents {
        blank(&mut d.when);
        d.source = None;
    }
    def.roles.iter_mut().for_each(|r| r.source = None);
    def
}
