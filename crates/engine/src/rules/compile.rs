//! Static checks of a form definition, and its expressions compiled once.
//!
//! Every problem is collected (not just the first), each with the file, the
//! JSON location and, inside an expression, the column.

use super::load::{Catalog, CountryCodes, CountryList, RuleError};
use super::model::*;
use crate::answers::FillerRole;
use crate::expr::{self, ObjectType, Program, Reads, Source, Type, TypeEnv};
use std::collections::BTreeMap;

/// A form ready to validate answers: the definition plus compiled programs
/// laid out in the same order as the definition's pages and fields.
#[derive(Debug, Clone)]
pub struct CompiledForm {
    pub def: FormDef,
    /// The country codes an answer may hold, and which of them are listed.
    pub countries: CountryCodes,
    pub(crate) pages: Vec<CompiledPage>,
    pub(crate) rules: Vec<Program>,
    /// For each rule, the answers it reads (the issue is shown on their
    /// pages too).
    pub(crate) rule_reads: Vec<Vec<String>>,
    /// For each rule, the answers it reads directly or through calculated
    /// values: it is checked only when all of them are valid.
    pub(crate) rule_inputs: Vec<Vec<String>>,
    /// For each rule, its message's placeholder values, in the order of
    /// the names of its `params`.
    pub(crate) rule_params: Vec<Vec<Program>>,
    /// Field id to (page, field) index.
    pub(crate) field_positions: BTreeMap<String, (usize, usize)>,
    pub(crate) calculated: Vec<Program>,
    pub(crate) documents: Vec<Option<Program>>,
    /// Per page: whom it is about (its section's scope).
    pub page_scopes: Vec<Scope>,
    /// How many answers deep the visibility of a page or field depends on
    /// other answers' (see [`MAX_VISIBILITY_DEPTH`]): validation settles
    /// visibility in this many passes after the first.
    pub(crate) visibility_depth: usize,
    /// Some expression reads `principal` (the first applicant's answers):
    /// a change to the first applicant re-checks everyone.
    pub reads_principal: bool,
    /// The working days its expressions count with (`addWorkingDays`,
    /// `workingDaysBetween`): the rules folder's calendar, packed with it.
    pub calendar: crate::calendar::Calendar,
}

/// Whom field `id` is about: its page's scope (`None`: no such field).
fn field_scope(def: &FormDef, id: &str) -> Option<Scope> {
    def.pages
        .iter()
        .find(|p| p.fields.iter().any(|f| f.id == id))
        .map(|p| page_scope(def, &p.id))
}

/// Whom page `id` is about: its section's scope (an applicant when it is
/// in no section, which the full check reports).
pub fn page_scope(def: &FormDef, id: &str) -> Scope {
    def.sections
        .iter()
        .find(|s| s.pages.iter().any(|p| p == id))
        .map_or(Scope::Applicant, |s| s.scope)
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct CompiledPage {
    pub visible_if: Option<Program>,
    pub fields: Vec<CompiledField>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct CompiledField {
    pub visible_if: Option<Program>,
    pub required_if: Option<Program>,
    pub constraints: Vec<Program>,
}

/// Names expressions see at the top level; no field may shadow them.
const RESERVED_IDS: &[&str] = &["answers", "calc", "filler", "principal", "today", "now"];

/// The static type of a field's answer inside expressions.
pub fn field_type(kind: FieldKind) -> Type {
    match kind {
        FieldKind::Date => Type::Date,
        FieldKind::Datetime => Type::Timestamp,
        FieldKind::Integer => Type::Int,
        FieldKind::Checkboxes => Type::List(Box::new(Type::String)),
        _ => Type::String,
    }
}

fn calc_type(t: CalcType) -> Type {
    match t {
        CalcType::Bool => Type::Bool,
        CalcType::Int => Type::Int,
        CalcType::String => Type::String,
        CalcType::Date => Type::Date,
        CalcType::Timestamp => Type::Timestamp,
        CalcType::Duration => Type::Duration,
    }
}

/// The variables every expression of `form` may use, with their types:
/// on an applicant's pages (`applicant` true), and on the filler's own,
/// which see neither `answers` nor `calc`.
pub fn type_env(form: &FormDef, applicant: bool) -> TypeEnv {
    let fields_of = |want: &dyn Fn(Scope) -> bool| {
        form.pages
            .iter()
            .filter(|p| want(page_scope(form, &p.id)))
            .flat_map(|p| &p.fields)
            .map(|f| (f.id.clone(), field_type(f.kind)))
            .collect()
    };
    let object = |name: &str, fields| {
        Type::Object(ObjectType {
            name: name.into(),
            fields,
        })
    };
    let filler = BTreeMap::from([
        ("role".to_string(), Type::String),
        ("is_applicant".to_string(), Type::Bool),
        (
            "answers".to_string(),
            object("filler.answers", fields_of(&|s| s == Scope::Filler)),
        ),
    ]);
    let mut env = TypeEnv::new();
    if applicant {
        let answers: BTreeMap<String, Type> = fields_of(&|s| s != Scope::Filler);
        // The first applicant, whom the others' family applications are
        // tied to: their answers have the same fields as anyone's.
        let principal = BTreeMap::from([
            ("is_applicant".to_string(), Type::Bool),
            (
                "answers".to_string(),
                object("principal.answers", answers.clone()),
            ),
        ]);
        env.declare("principal", object("principal", principal));
        env.declare("answers", object("answers", answers));
        let calc = form
            .calculated
            .iter()
            .map(|c| (c.id.clone(), calc_type(c.value_type)))
            .collect();
        env.declare("calc", object("calc", calc));
    }
    env.declare("filler", object("filler", filler));
    env.declare("today", Type::Date);
    env.declare("now", Type::Timestamp);
    env
}

struct Checker<'a> {
    file: &'a str,
    /// The variables of an applicant's pages, and of the filler's own.
    env: TypeEnv,
    filler_env: TypeEnv,
    /// Compiling expressions of the filler's pages.
    in_filler: bool,
    errors: Vec<RuleError>,
    keys: Vec<(String, String)>,
    /// Keys of messages about an applicant, which may address them as
    /// "you" only with an "other" variant for a helper.
    addressed: Vec<(String, String)>,
    /// Recording the keys met as `addressed` too.
    addressing: bool,
}

impl Checker<'_> {
    fn error(&mut self, location: String, message: impl Into<String>) {
        self.errors
            .push(RuleError::at(self.file, location, message));
    }

    /// Compiles an expression that must have type `want` (or dyn).
    fn program(&mut self, location: String, src: &str, want: &Type) -> Option<Program> {
        let env = if self.in_filler {
            &self.filler_env
        } else {
            &self.env
        };
        match expr::compile(src, env) {
            Ok(p) => {
                let got = p.result_type();
                if got != want && !got.is_dyn() && !want.is_dyn() {
                    self.errors.push(RuleError {
                        column: Some(1),
                        in_expression: true,
                        ..RuleError::at(
                            self.file,
                            location,
                            format!("this expression gives {got}, but {want} is needed"),
                        )
                    });
                    return None;
                }
                Some(p)
            }
            Err(e) => {
                self.errors.push(RuleError {
                    column: Some(e.column),
                    in_expression: true,
                    ..RuleError::at(self.file, location, e.message)
                });
                None
            }
        }
    }

    /// Compiles a value a message shows: an int, a string, a date or a
    /// timestamp.
    fn shown_value(&mut self, location: String, src: &str) -> Option<Program> {
        let p = self.program(location.clone(), src, &Type::Dyn)?;
        let shown = [
            Type::Int,
            Type::String,
            Type::Date,
            Type::Timestamp,
            Type::Dyn,
        ];
        if !shown.contains(p.result_type()) {
            self.errors.push(RuleError {
                column: Some(1),
                in_expression: true,
                ..RuleError::at(
                    self.file,
                    location,
                    format!(
                        "this expression gives {}, but a message shows an int, a string, a date or a timestamp",
                        p.result_type()
                    ),
                )
            });
            return None;
        }
        Some(p)
    }

    fn condition(&mut self, location: String, src: &Option<String>) -> Option<Program> {
        src.as_ref()
            .and_then(|s| self.program(location, s, &Type::Bool))
    }

    /// Remembers a message key to check against every shipped language.
    fn key(&mut self, location: String, key: &str) {
        if self.addressing {
            self.addressed.push((location.clone(), key.to_string()));
        }
        self.keys.push((location, key.to_string()));
    }
}

/// Whether this build runs the checks rule authors need (ids, sections,
/// field shapes, messages in every language, types): natively yes; the
/// browser gets rules that passed them at build time (feature `full-check`).
const FULL_CHECK: bool = cfg!(feature = "full-check");

/// Checks `def` and compiles its expressions. `catalogs` are the shipped
/// languages: every message key the form uses must exist in each.
pub fn compile_form(
    file: &str,
    def: FormDef,
    countries: &CountryList,
    catalogs: &[Catalog],
) -> Result<CompiledForm, Vec<RuleError>> {
    let mut c = Checker {
        file,
        env: type_env(&def, true),
        filler_env: type_env(&def, false),
        in_filler: false,
        errors: Vec::new(),
        keys: Vec::new(),
        addressed: Vec::new(),
        addressing: false,
    };
    if FULL_CHECK {
        check_shape(&mut c, &def, catalogs);
    }

    let mut pages = Vec::with_capacity(def.pages.len());
    for (pi, page) in def.pages.iter().enumerate() {
        let at = format!("pages[{pi}]");
        c.in_filler = page_scope(&def, &page.id) == Scope::Filler;
        let visible_if = c.condition(format!("{at}.visible_if"), &page.visible_if);
        let mut fields = Vec::with_capacity(page.fields.len());
        for (fi, field) in page.fields.iter().enumerate() {
            let at = format!("{at}.fields[{fi}]");
            let visible_if = c.condition(format!("{at}.visible_if"), &field.visible_if);
            let required_if = c.condition(format!("{at}.required_if"), &field.required_if);
            let mut constraints = Vec::new();
            for (ci, con) in field.constraints.iter().enumerate() {
                let cat = format!("{at}.constraints[{ci}]");
                if let Some(p) = c.program(format!("{cat}.assert"), &con.assert, &Type::Bool) {
                    constraints.push(p);
                }
            }
            fields.push(CompiledField {
                visible_if,
                required_if,
                constraints,
            });
        }
        pages.push(CompiledPage { visible_if, fields });
    }

    let mut rules = Vec::new();
    let mut rule_params = Vec::new();
    for (ri, rule) in def.rules.iter().enumerate() {
        c.in_filler = field_scope(&def, &rule.field) == Some(Scope::Filler);
        if let Some(p) = c.program(format!("rules[{ri}].assert"), &rule.assert, &Type::Bool) {
            rules.push(p);
        }
        let params = rule
            .params
            .iter()
            .filter_map(|(name, src)| c.shown_value(format!("rules[{ri}].params.{name}"), src))
            .collect();
        rule_params.push(params);
    }

    c.in_filler = false;
    let mut calculated = Vec::new();
    for (ci, calc) in def.calculated.iter().enumerate() {
        if let Some(p) = c.program(
            format!("calculated[{ci}].expr"),
            &calc.expr,
            &calc_type(calc.value_type),
        ) {
            calculated.push(p);
        }
    }

    let documents = def
        .documents
        .iter()
        .enumerate()
        .map(|(di, doc)| c.condition(format!("documents[{di}].when"), &doc.when))
        .collect();

    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    let form = CompiledForm::new(
        def,
        CountryCodes::of(countries),
        pages,
        rules,
        rule_params,
        calculated,
        documents,
    );
    if FULL_CHECK {
        // On the compiled expressions, so only once they all compile.
        check_visibility(&mut c, &form);
        if !c.errors.is_empty() {
            return Err(c.errors);
        }
    }
    Ok(form)
}

impl CompiledForm {
    /// Puts a checked definition and its compiled parts together (from the
    /// JSON rules, or from a packed file).
    pub(crate) fn new(
        def: FormDef,
        countries: CountryCodes,
        pages: Vec<CompiledPage>,
        rules: Vec<Program>,
        rule_params: Vec<Vec<Program>>,
        calculated: Vec<Program>,
        documents: Vec<Option<Program>>,
    ) -> CompiledForm {
        // Inserted, not collected: collecting into a map sorts, another
        // copy of the sort in the browser's wasm (crate::sorting).
        let mut field_positions = BTreeMap::new();
        field_positions.extend(def.pages.iter().enumerate().flat_map(|(pi, p)| {
            p.fields
                .iter()
                .enumerate()
                .map(move |(fi, f)| (f.id.clone(), (pi, fi)))
        }));
        let rule_reads = rules.iter().map(Program::answer_fields).collect();
        let rule_inputs = rules
            .iter()
            .map(|rule| answers_read(rule, &def.calculated, &calculated))
            .collect();
        let page_scopes = def.pages.iter().map(|p| page_scope(&def, &p.id)).collect();
        let mut form = CompiledForm {
            page_scopes,
            def,
            countries,
            pages,
            rules,
            rule_reads,
            rule_inputs,
            rule_params,
            field_positions,
            calculated,
            documents,
            visibility_depth: 0,
            reads_principal: false,
            calendar: Default::default(),
        };
        let reads_principal = form.programs().any(|p| p.reads().principal);
        form.reads_principal = reads_principal;
        // Worked out here, from the expressions, so that packed rules need
        // not carry it. A cycle (only in rules that skipped the full check)
        // has no depth: validation then stops after the most passes it
        // would make for checked rules.
        let graph = Dependencies::of(&form);
        let (depths, _) = graph.analyse();
        form.visibility_depth = graph
            .nodes
            .iter()
            .zip(&depths)
            .filter(|(node, _)| !matches!(node, Node::Calc(_)))
            .map(|(_, depth)| depth.unwrap_or(MAX_VISIBILITY_DEPTH))
            .max()
            .unwrap_or(0);
        form
    }
}

/// The answers `program` reads, directly or through the calculated values
/// it reads (and theirs): a rule over `calc.stay_until` reads the expiry
/// date the value is worked out from, so it waits until that is valid too.
fn answers_read(program: &Program, defs: &[Calculated], calculated: &[Program]) -> Vec<String> {
    let mut answers = program.answer_fields();
    let mut pending: Vec<String> = calc_names(program);
    let mut seen: Vec<String> = Vec::new();
    while let Some(name) = pending.pop() {
        if seen.contains(&name) {
            continue;
        }
        if let Some(i) = defs.iter().position(|c| c.id == name) {
            for a in calculated[i].answer_fields() {
                if !answers.contains(&a) {
                    answers.push(a);
                }
            }
            pending.extend(calc_names(&calculated[i]));
        }
        seen.push(name);
    }
    answers
}

fn calc_names(program: &Program) -> Vec<String> {
    program
        .reads()
        .named
        .into_iter()
        .filter(|(source, _)| *source == crate::expr::Source::Calc)
        .map(|(_, name)| name)
        .collect()
}

impl CompiledForm {
    /// Every compiled expression of the form.
    fn programs(&self) -> impl Iterator<Item = &Program> {
        let pages = self.pages.iter().flat_map(|p| {
            p.visible_if.iter().chain(p.fields.iter().flat_map(|f| {
                f.visible_if
                    .iter()
                    .chain(&f.required_if)
                    .chain(&f.constraints)
            }))
        });
        pages
            .chain(&self.rules)
            .chain(self.rule_params.iter().flatten())
            .chain(&self.calculated)
            .chain(self.documents.iter().flatten())
    }

    /// A field of the form, by id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        let &(pi, fi) = self.field_positions.get(id)?;
        self.def.pages.get(pi)?.fields.get(fi)
    }

    /// A page's position among the form's pages, by id.
    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.def.pages.iter().position(|p| p.id == id)
    }
}

/// How deep a chain of visibility may go: a `visible_if` reading an answer
/// whose field is shown only when another answer allows, and so on. Hiding
/// a field hides its answer, which can hide others, so validation works
/// visibility out again once per level of the chain; the full check
/// refuses deeper chains, which keeps that work small.
pub const MAX_VISIBILITY_DEPTH: usize = 8;

/// A page, a field or a calculated value: what the visibility of pages and
/// fields is worked out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Page(usize),
    /// Page and field index.
    Field(usize, usize),
    Calc(usize),
}

/// Why a node depends on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// Its expression reads the other's answer, which is there only while
    /// that field is shown: known one pass of validation after the field's
    /// visibility.
    Answer,
    /// An applicant's page, field or calculated value reads the filler's
    /// answer: settled before, when the filler's own pages were validated.
    FillerAnswer,
    /// Its expression reads a calculated value: worked out in the same pass.
    Calc,
    /// A field is shown only with its page, a page only when no ending page
    /// before it is shown: known in the same pass.
    Structure,
}

impl Link {
    /// How many passes of validation it adds to a chain.
    fn passes(self) -> usize {
        match self {
            Link::Answer => 1,
            Link::FillerAnswer | Link::Calc | Link::Structure => 0,
        }
    }
}

/// The form's dependency graph: what each page's and field's visibility,
/// and each calculated value, depends on.
struct Dependencies {
    /// Each page followed by its fields, in the form's order, then the
    /// calculated values: ordered as a rule author reads the file.
    nodes: Vec<Node>,
    /// Per node, those it depends on; those its own expression reads first.
    links: Vec<Vec<(usize, Link)>>,
}

impl Dependencies {
    fn of(form: &CompiledForm) -> Dependencies {
        let def = &form.def;
        let mut nodes = Vec::new();
        let mut page_nodes = Vec::with_capacity(def.pages.len());
        for (pi, page) in def.pages.iter().enumerate() {
            page_nodes.push(nodes.len());
            nodes.push(Node::Page(pi));
            nodes.extend((0..page.fields.len()).map(|fi| Node::Field(pi, fi)));
        }
        let first_calc = nodes.len();
        nodes.extend((0..def.calculated.len()).map(Node::Calc));
        let field_node = |(pi, fi): (usize, usize)| page_nodes[pi] + 1 + fi;
        let is_filler = |pi: usize| form.page_scopes[pi] == Scope::Filler;

        // What an expression reads; `in_filler`: it belongs to the filler's pages.
        let read = |reads: Reads, in_filler: bool| {
            let answer = |pi: usize| match (is_filler(pi), in_filler) {
                (true, false) => Link::FillerAnswer,
                _ => Link::Answer,
            };
            let mut out = Vec::new();
            for (from, key) in &reads.named {
                if *from == Source::Calc {
                    let at = def.calculated.iter().position(|c| c.id == *key);
                    out.extend(at.map(|ci| (first_calc + ci, Link::Calc)));
                } else if let Some(at) = form.field_positions.get(key) {
                    out.push((field_node(*at), answer(at.0)));
                }
            }
            for from in &reads.whole {
                if *from == Source::Calc {
                    out.extend((0..def.calculated.len()).map(|ci| (first_calc + ci, Link::Calc)));
                    continue;
                }
                let of_filler = *from == Source::FillerAnswers;
                for at in form.field_positions.values() {
                    if is_filler(at.0) == of_filler {
                        out.push((field_node(*at), answer(at.0)));
                    }
                }
            }
            out
        };

        let mut links = vec![Vec::new(); nodes.len()];
        // The last ending page so far, which depends on the one before it:
        // a page depends on every ending page before it through that one.
        let mut last_ending = None;
        for (pi, (page, compiled)) in def.pages.iter().zip(&form.pages).enumerate() {
            let page_node = page_nodes[pi];
            if let Some(p) = &compiled.visible_if {
                links[page_node] = read(p.reads(), is_filler(pi));
            }
            links[page_node].extend(last_ending.map(|e| (e, Link::Structure)));
            if page.ends_journey {
                last_ending = Some(page_node);
            }
            for (fi, (_, field)) in page.fields.iter().zip(&compiled.fields).enumerate() {
                let node = field_node((pi, fi));
                if let Some(p) = &field.visible_if {
                    links[node] = read(p.reads(), is_filler(pi));
                }
                links[node].push((page_node, Link::Structure));
            }
        }
        for (ci, (_, program)) in def.calculated.iter().zip(&form.calculated).enumerate() {
            links[first_calc + ci] = read(program.reads(), false);
        }
        Dependencies { nodes, links }
    }

    /// Per node, how many passes of validation its outcome needs after the
    /// first (`None`: it depends on a cycle); and the cycles, each as the
    /// group of nodes that depend on one another.
    fn analyse(&self) -> (Vec<Option<usize>>, Vec<Vec<usize>>) {
        let mut depths = vec![None; self.nodes.len()];
        let mut cycles = Vec::new();
        // Each group comes after every group it depends on.
        for group in self.strongly_connected() {
            let first = group[0];
            if group.len() > 1 || self.links[first].iter().any(|&(to, _)| to == first) {
                cycles.push(group);
                continue;
            }
            depths[first] = self.links[first]
                .iter()
                .try_fold(0, |deepest, &(to, link)| {
                    Some(usize::max(deepest, depths[to]? + link.passes()))
                });
        }
        (depths, cycles)
    }

    /// The strongly connected groups of nodes (Tarjan's algorithm, without
    /// recursion: a form may be long), each after those it depends on.
    fn strongly_connected(&self) -> Vec<Vec<usize>> {
        const UNSEEN: usize = usize::MAX;
        let count = self.nodes.len();
        let mut order = vec![UNSEEN; count];
        let mut low = vec![0; count];
        let mut on_stack = vec![false; count];
        let mut stack = Vec::new();
        let mut groups = Vec::new();
        let mut next = 0;
        for root in 0..count {
            if order[root] != UNSEEN {
                continue;
            }
            // The depth-first path: each node with the next of its links to follow.
            let mut path = vec![(root, 0)];
            order[root] = next;
            low[root] = next;
            next += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&(node, link)) = path.last() {
                if let Some(&(to, _)) = self.links[node].get(link) {
                    if let Some(top) = path.last_mut() {
                        top.1 += 1;
                    }
                    if order[to] == UNSEEN {
                        order[to] = next;
                        low[to] = next;
                        next += 1;
                        stack.push(to);
                        on_stack[to] = true;
                        path.push((to, 0));
                    } else if on_stack[to] {
                        low[node] = low[node].min(order[to]);
                    }
                    continue;
                }
                path.pop();
                if let Some(&(parent, _)) = path.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == order[node] {
                    let mut group = Vec::new();
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        group.push(member);
                        if member == node {
                            break;
                        }
                    }
                    groups.push(group);
                }
            }
        }
        groups
    }

    /// How a rule author knows the node: `page 'hotel'`, `visa_number`,
    /// `calc.age`.
    fn name(&self, def: &FormDef, node: usize) -> String {
        match self.nodes[node] {
            Node::Page(pi) => format!("page '{}'", def.pages[pi].id),
            Node::Field(pi, fi) => def.pages[pi].fields[fi].id.clone(),
            Node::Calc(ci) => format!("calc.{}", def.calculated[ci].id),
        }
    }

    /// Where the node's expression is in the form file.
    fn location(&self, node: usize) -> String {
        match self.nodes[node] {
            Node::Page(pi) => format!("pages[{pi}].visible_if"),
            Node::Field(pi, fi) => format!("pages[{pi}].fields[{fi}].visible_if"),
            Node::Calc(ci) => format!("calculated[{ci}].expr"),
        }
    }

    fn path_text(&self, def: &FormDef, path: &[usize]) -> String {
        let names: Vec<String> = path.iter().map(|&n| self.name(def, n)).collect();
        names.join(" → ")
    }

    /// The shortest way from `start` back to itself within `group`, leaving
    /// through what `start`'s own expression reads: start first and last.
    fn cycle_from(&self, start: usize, group: &[usize]) -> Option<Vec<usize>> {
        let mut came_from: Vec<Option<usize>> = vec![None; self.nodes.len()];
        let mut queue = Vec::new();
        for &(to, link) in &self.links[start] {
            if link == Link::Structure || !group.contains(&to) {
                continue;
            }
            if to == start {
                return Some(vec![start, start]);
            }
            if came_from[to].is_none() {
                came_from[to] = Some(start);
                queue.push(to);
            }
        }
        // Breadth first: `queue[..next]` are done.
        let mut next = 0;
        while let Some(&node) = queue.get(next) {
            next += 1;
            for &(to, _) in &self.links[node] {
                if to == start {
                    let mut path = vec![start, node];
                    let mut at = node;
                    while let Some(before) = came_from[at].filter(|&b| b != start) {
                        path.push(before);
                        at = before;
                    }
                    path.push(start);
                    path.reverse();
                    return Some(path);
                }
                if group.contains(&to) && came_from[to].is_none() {
                    came_from[to] = Some(node);
                    queue.push(to);
                }
            }
        }
        None
    }

    /// The longest chain below `node`, whose depth is `depths[node]`: each
    /// step the dependency that makes it so, its own expression's first.
    fn chain_from(&self, node: usize, depths: &[Option<usize>]) -> Vec<usize> {
        let mut chain = vec![node];
        let mut at = node;
        while let Some(depth @ 1..) = depths[at] {
            let deepest = self.links[at]
                .iter()
                .find(|&&(to, link)| depths[to].map(|d| d + link.passes()) == Some(depth));
            match deepest {
                Some(&(to, _)) => {
                    chain.push(to);
                    at = to;
                }
                None => break,
            }
        }
        chain
    }
}

/// The full check of the dependency graph: a page's or field's visibility,
/// or a calculated value, that depends on itself, and a visibility deeper
/// than [`MAX_VISIBILITY_DEPTH`], each reported at the expression that
/// makes it so.
fn check_visibility(c: &mut Checker, form: &CompiledForm) {
    let graph = Dependencies::of(form);
    let (depths, cycles) = graph.analyse();
    let def = &form.def;
    let reads_within = |node: usize, group: &[usize]| {
        graph.links[node]
            .iter()
            .any(|&(to, link)| link != Link::Structure && group.contains(&to))
    };
    for group in &cycles {
        // Reported once, at the first expression of the file in the cycle
        // (pages and fields come before calculated values).
        let Some(start) =
            (0..graph.nodes.len()).find(|n| group.contains(n) && reads_within(*n, group))
        else {
            continue;
        };
        let Some(path) = graph.cycle_from(start, group) else {
            continue;
        };
        let path = graph.path_text(def, &path);
        let message = match graph.nodes[start] {
            Node::Calc(_) => format!(
                "{} depends on itself: {path}. Make one of these values read something else",
                graph.name(def, start)
            ),
            _ => format!(
                "the visibility of {} depends on itself: {path}. Hiding a field hides its \
                 answer, so this could never settle: make one of these conditions read \
                 something else",
                graph.name(def, start)
            ),
        };
        c.error(graph.location(start), message);
    }
    // Reported where a chain first goes too deep: deeper nodes have such a
    // place below them, and shortening the chain there mends them too.
    for (node, depth) in depths.iter().enumerate() {
        if *depth != Some(MAX_VISIBILITY_DEPTH + 1) || matches!(graph.nodes[node], Node::Calc(_)) {
            continue;
        }
        let chain = graph.chain_from(node, &depths);
        // Only where the node's own condition makes it so, not its page.
        if chain
            .get(1)
            .is_none_or(|&next| !reads_within(node, &[next]))
        {
            continue;
        }
        c.error(
            graph.location(node),
            format!(
                "the visibility of {} depends on a chain of answers {} deep, each shown only \
                 as the next allows: {}. Validation follows chains up to {MAX_VISIBILITY_DEPTH} \
                 deep: shorten this one",
                graph.name(def, node),
                MAX_VISIBILITY_DEPTH + 1,
                graph.path_text(def, &chain)
            ),
        );
    }
}

/// Ids unique and well formed, sections pointing at real pages, field
/// shapes, cross-field rules on real fields, and every message key in every
/// shipped language.
/// The catalogue's lines (`services`) and the guidance page's texts.
fn check_services(c: &mut Checker, def: &FormDef, field_ids: &[(&str, &Field)]) {
    let mut ids: Vec<&str> = Vec::new();
    for (si, service) in def.services.iter().enumerate() {
        let at = format!("services[{si}]");
        let word = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        if !word(&service.id) {
            c.error(
                format!("{at}.id"),
                format!(
                    "'{}' is not a valid service id: use lower-case letters, digits and -",
                    service.id
                ),
            );
        }
        if !add_unique(&mut ids, service.id.as_str()) {
            c.error(
                format!("{at}.id"),
                format!("the service id '{}' is used twice", service.id),
            );
        }
        c.key(format!("{at}.title"), &service.title);
        c.key(format!("{at}.summary"), &service.summary);
        c.key(
            format!("{at}.group"),
            &format!("services.group.{}", service.group),
        );
        for (field, value) in &service.preset {
            let loc = format!("{at}.preset.{field}");
            match field_ids.iter().find(|(f, _)| f == field).map(|(_, f)| *f) {
                None => c.error(loc, format!("there is no field with id '{field}'")),
                Some(f) if field_scope(def, field) == Some(Scope::Filler) => c.error(
                    loc,
                    format!(
                        "'{}' is the filler's own: a service presets applicants' answers",
                        f.id
                    ),
                ),
                Some(f) if f.kind != FieldKind::Choice => {
                    c.error(loc, format!("'{}' must be a choice field", f.id))
                }
                Some(f) if !f.options.iter().any(|o| o.value == *value) => c.error(
                    loc,
                    format!("'{value}' is not one of the options of '{}'", f.id),
                ),
                Some(_) => {}
            }
        }
    }
    if let Some(g) = &def.guidance {
        for (part, keys) in [("who", &g.who), ("time", &g.time), ("fee", &g.fee)] {
            for (i, key) in keys.iter().enumerate() {
                c.key(format!("guidance.{part}[{i}]"), key);
            }
        }
    }
}

fn check_shape(c: &mut Checker, def: &FormDef, catalogs: &[Catalog]) {
    c.key("title".into(), &def.title);
    if let Some(s) = &def.summary {
        c.key("summary".into(), s);
    }

    let mut page_ids: Vec<&str> = Vec::new();
    let mut field_ids: Vec<(&str, &Field)> = Vec::new();
    for (pi, page) in def.pages.iter().enumerate() {
        if !add_unique(&mut page_ids, page.id.as_str()) {
            c.error(
                format!("pages[{pi}].id"),
                format!("the page id '{}' is used twice", page.id),
            );
        }
        for (fi, field) in page.fields.iter().enumerate() {
            let loc = format!("pages[{pi}].fields[{fi}].id");
            if RESERVED_IDS.contains(&field.id.as_str()) {
                c.error(
                    loc.clone(),
                    format!("'{}' is reserved and cannot be a field id", field.id),
                );
            }
            if !is_identifier(&field.id) {
                c.error(
                    loc.clone(),
                    format!(
                        "'{}' is not a valid id: use letters, digits and _",
                        field.id
                    ),
                );
            }
            if field_ids.iter().any(|(f, _)| *f == field.id) {
                c.error(loc, format!("the field id '{}' is used twice", field.id));
            } else {
                field_ids.push((&field.id, field));
            }
        }
    }
    let mut in_sections: Vec<&str> = Vec::new();
    for (si, section) in def.sections.iter().enumerate() {
        c.addressing = section.scope == Scope::Applicant;
        c.key(format!("sections[{si}].title"), &section.title);
        c.addressing = false;
        for (pi, page) in section.pages.iter().enumerate() {
            if !page_ids.contains(&page.as_str()) {
                c.error(
                    format!("sections[{si}].pages[{pi}]"),
                    format!("there is no page with id '{page}'"),
                );
            }
            if !add_unique(&mut in_sections, page.as_str()) {
                c.error(
                    format!("sections[{si}].pages[{pi}]"),
                    format!("the page '{page}' is in two sections"),
                );
            }
        }
    }
    for (pi, page) in def.pages.iter().enumerate() {
        let at = format!("pages[{pi}]");
        if !in_sections.contains(&page.id.as_str()) {
            c.error(
                at.clone(),
                format!("the page '{}' is in no section", page.id),
            );
        }
        c.addressing = page_scope(def, &page.id) == Scope::Applicant;
        c.key(format!("{at}.title"), &page.title);
        if let Some(h) = &page.hint {
            c.key(format!("{at}.hint"), h);
        }
        for (i, k) in page.content.iter().enumerate() {
            c.key(format!("{at}.content[{i}]"), k);
        }
        for (fi, field) in page.fields.iter().enumerate() {
            let at = format!("{at}.fields[{fi}]");
            check_field_shape(c, &at, field, &field_ids);
            let mut ids: Vec<&str> = Vec::new();
            for (ci, con) in field.constraints.iter().enumerate() {
                let cat = format!("{at}.constraints[{ci}]");
                if !add_unique(&mut ids, con.id.as_str()) {
                    c.error(
                        format!("{cat}.id"),
                        format!("the constraint id '{}' is used twice", con.id),
                    );
                }
                c.key(format!("{cat}.message"), &con.message);
            }
        }
    }

    let mut rule_ids: Vec<&str> = Vec::new();
    for (ri, rule) in def.rules.iter().enumerate() {
        let at = format!("rules[{ri}]");
        c.addressing = field_scope(def, &rule.field) == Some(Scope::Applicant);
        if !add_unique(&mut rule_ids, rule.id.as_str()) {
            c.error(
                format!("{at}.id"),
                format!("the rule id '{}' is used twice", rule.id),
            );
        }
        if !field_ids.iter().any(|(f, _)| *f == rule.field) {
            c.error(
                format!("{at}.field"),
                format!("there is no field with id '{}'", rule.field),
            );
        }
        c.key(format!("{at}.message"), &rule.message);
        if let Some(summary) = &rule.summary {
            // Read before anyone answers: it speaks to the reader in general.
            c.addressing = false;
            c.key(format!("{at}.summary"), summary);
        }
    }
    c.addressing = false;
    check_services(c, def, &field_ids);

    c.addressing = true;
    for (di, doc) in def.documents.iter().enumerate() {
        c.key(format!("documents[{di}].label"), &doc.label);
        if let Some(h) = &doc.hint {
            c.key(format!("documents[{di}].hint"), h);
        }
    }
    c.addressing = false;
    if let Some(name) = &def.name_field {
        match field_ids.iter().find(|(f, _)| f == name) {
            Some((_, f)) if matches!(f.kind, FieldKind::Name | FieldKind::Text) => {}
            Some(_) => c.error(
                "name_field".into(),
                format!("'{name}' must be a name or text field"),
            ),
            None => c.error(
                "name_field".into(),
                format!("there is no field with id '{name}'"),
            ),
        }
        c.key("name_field".into(), "person.unnamed");
    }

    for (i, id) in def.full_name.iter().enumerate() {
        match field_ids.iter().find(|(f, _)| f == id) {
            Some((_, f)) if matches!(f.kind, FieldKind::Name | FieldKind::Text) => {}
            Some(_) => c.error(
                format!("full_name[{i}]"),
                format!("'{id}' must be a name or text field"),
            ),
            None => c.error(
                format!("full_name[{i}]"),
                format!("there is no field with id '{id}'"),
            ),
        }
    }
    if let Some(start) = &def.start {
        for (i, key) in start.need.iter().enumerate() {
            c.key(format!("start.need[{i}]"), key);
        }
        if let Some(time) = &start.time {
            c.key("start.time".into(), time);
        }
    }
    if let Some(done) = &def.done {
        c.key("done.next".into(), &done.next);
        if let Some(deadline) = &done.deadline {
            let calculated = def.calculated.iter().find(|v| v.id == deadline.calculated);
            match calculated.map(|v| v.value_type) {
                Some(CalcType::Timestamp | CalcType::Date) => {}
                Some(_) => c.error(
                    "done.deadline.calculated".into(),
                    format!(
                        "'{}' must be a calculated value of type timestamp or date",
                        deadline.calculated
                    ),
                ),
                None => c.error(
                    "done.deadline.calculated".into(),
                    format!("there is no calculated value '{}'", deadline.calculated),
                ),
            }
            c.key("done.deadline.message".into(), &deadline.message);
        }
    }

    if def.roles.is_empty() {
        c.error(
            "roles".into(),
            "list at least one role (who may fill the form in), such as 'self'",
        );
    }
    let mut role_ids: Vec<&str> = Vec::new();
    for (i, role) in def.roles.iter().enumerate() {
        if FillerRole::parse(&role.id).is_none() {
            c.error(
                format!("roles[{i}].id"),
                format!(
                    "'{}' is not a role word: lower-case letters and _ only",
                    role.id
                ),
            );
        }
        if !add_unique(&mut role_ids, role.id.as_str()) {
            c.error(
                format!("roles[{i}].id"),
                format!("the role '{}' is listed twice", role.id),
            );
        }
        c.key(format!("roles[{i}].label"), &role.label);
        if let Some(hint) = &role.hint {
            c.key(format!("roles[{i}].hint"), hint);
        }
    }

    c.key("declaration.title".into(), &def.declaration.title);
    c.key("declaration.text".into(), &def.declaration.text);
    c.key("declaration.confirm".into(), &def.declaration.confirm);

    for catalog in catalogs {
        for (location, key) in &c.keys {
            if !catalog.contains(key) {
                c.errors.push(RuleError::at(
                    c.file,
                    location.clone(),
                    format!(
                        "the message '{key}' is missing in the language '{}'",
                        catalog.language
                    ),
                ));
            }
        }
        let declaration = &def.declaration.text;
        let without_other = |key: &str| !catalog.contains(&format!("{key}{}", super::load::OTHER));
        if catalog.contains(declaration) && without_other(declaration) {
            c.error(
                "declaration.text".into(),
                format!(
                    "the message '{declaration}' needs {{\"self\": …, \"other\": …}} variants in '{}': \
                     a helper makes the declaration for each applicant by name",
                    catalog.language
                ),
            );
        }
        for (location, key) in &c.addressed {
            let says_you = catalog
                .get(key)
                .is_some_and(|text| addresses_reader(&catalog.language, text));
            if says_you && without_other(key) {
                c.errors.push(RuleError::at(
                    c.file,
                    location.clone(),
                    format!(
                        "the message '{key}' addresses the applicant as \"you\" in '{}' but has no \
                         variant for a helper filling the form in for someone else: write it as \
                         {{\"self\": …, \"other\": …}}, naming them as {{name}} in \"other\"",
                        catalog.language
                    ),
                ));
            }
        }
    }
}

/// Whether `text` speaks to its reader in the second person. Each shipped
/// language needs its words here; a language without them is not checked.
fn addresses_reader(language: &str, text: &str) -> bool {
    match language.split('-').next().unwrap_or_default() {
        "en" => text.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
            ["you", "your", "yours", "yourself", "yourselves"]
                .iter()
                .any(|y| w.eq_ignore_ascii_case(y))
        }),
        "zh" => text.contains(['您', '你']),
        _ => false,
    }
}

/// Adds `id` unless present; `false` when it was already there.
fn add_unique<'a>(seen: &mut Vec<&'a str>, id: &'a str) -> bool {
    if seen.contains(&id) {
        return false;
    }
    seen.push(id);
    true
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn check_field_shape(c: &mut Checker, at: &str, field: &Field, all: &[(&str, &Field)]) {
    c.key(format!("{at}.label"), &field.label);
    if let Some(h) = &field.hint {
        c.key(format!("{at}.hint"), h);
    }
    if let Some(m) = &field.required_message {
        c.key(format!("{at}.required_message"), m);
    }
    for (oi, opt) in field.options.iter().enumerate() {
        c.key(format!("{at}.options[{oi}].label"), &opt.label);
        if let Some(h) = &opt.hint {
            c.key(format!("{at}.options[{oi}].hint"), h);
        }
    }
    match field.kind {
        FieldKind::Choice | FieldKind::Checkboxes if field.options.is_empty() => {
            c.error(
                format!("{at}.options"),
                "a choice or checkboxes field needs at least one option",
            );
        }
        FieldKind::Choice | FieldKind::Checkboxes => {
            let mut seen: Vec<&str> = Vec::new();
            for (oi, opt) in field.options.iter().enumerate() {
                if !add_unique(&mut seen, opt.value.as_str()) {
                    c.error(
                        format!("{at}.options[{oi}].value"),
                        format!("the option '{}' is listed twice", opt.value),
                    );
                }
            }
        }
        FieldKind::IdentityNumber => match (&field.scheme, &field.scheme_field) {
            (Some(_), None) => {}
            (None, Some(other)) => match all.iter().find(|(f, _)| *f == other).map(|(_, f)| f) {
                None => c.error(
                    format!("{at}.scheme_field"),
                    format!("there is no field with id '{other}'"),
                ),
                Some(f) if f.kind != FieldKind::Choice => c.error(
                    format!("{at}.scheme_field"),
                    format!("'{other}' must be a choice field"),
                ),
                Some(f) => {
                    for (oi, opt) in f.options.iter().enumerate() {
                        if scheme_from_value(&opt.value).is_none() {
                            c.error(
                                format!("{at}.scheme_field"),
                                format!(
                                    "option {oi} of '{other}' is '{}', which is not an identity scheme \
                                     (cn_resident_id, permanent_residence_card, hk_mo_travel_permit, \
                                     tw_travel_permit, hmt_residence_permit, \
                                     unified_social_credit_code, passport, other)",
                                    opt.value
                                ),
                            );
                        }
                    }
                }
            },
            _ => c.error(
                at.to_string(),
                "an identity_number field needs exactly one of 'scheme' and 'scheme_field'",
            ),
        },
        FieldKind::File => match &field.file {
            None => c.error(
                at.to_string(),
                "a file field needs `file`: the types and sizes it accepts",
            ),
            Some(rule) if rule.types.is_empty() => {
                c.error(format!("{at}.file.types"), "list at least one file type")
            }
            Some(rule) if rule.min_bytes.is_some_and(|min| min > rule.max_bytes) => c.error(
                format!("{at}.file.min_bytes"),
                "min_bytes is larger than max_bytes",
            ),
            Some(_) => {}
        },
        _ if !field.options.is_empty() => {
            c.error(format!("{at}.options"), "only a choice field has options");
        }
        _ => {}
    }
    if field.kind != FieldKind::File && field.file.is_some() {
        c.error(format!("{at}.file"), "only a file field has `file`");
    }
    if field.kind == FieldKind::Integer {
        if let (Some(min), Some(max)) = (field.min, field.max) {
            if min > max {
                c.error(format!("{at}.min"), "min is larger than max");
            }
        }
        if let Some(suffix) = &field.suffix {
            c.key(format!("{at}.suffix"), suffix);
        }
    } else {
        for (name, set) in [
            ("min", field.min.is_some()),
            ("max", field.max.is_some()),
            ("suffix", field.suffix.is_some()),
        ] {
            if set {
                c.error(
                    format!("{at}.{name}"),
                    format!("only an integer field has `{name}`"),
                );
            }
        }
    }
}

/// The identity scheme an option value names, as in the model's enum.
pub fn scheme_from_value(value: &str) -> Option<IdScheme> {
    Some(match value {
        "cn_resident_id" => IdScheme::CnResidentId,
        "permanent_residence_card" => IdScheme::PermanentResidenceCard,
        "hk_mo_travel_permit" => IdScheme::HkMoTravelPermit,
        "tw_travel_permit" => IdScheme::TwTravelPermit,
        "hmt_residence_permit" => IdScheme::HmtResidencePermit,
        "unified_social_credit_code" => IdScheme::UnifiedSocialCreditCode,
        "passport" => IdScheme::Passport,
        "other" => IdScheme::Other,
        _ => return None,
    })
}
