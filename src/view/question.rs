//! A question page: its fields, their inline messages, and Continue.

use super::{error_summary, issue_paragraphs, Ctx};
use crate::state::{previous_route, Action};
use dossier_engine::answers::{Answer, DateParts};
use dossier_engine::fields::as_typed;
use dossier_engine::rules::{Field, FieldKind, Page, Severity, Widget};
use dossier_engine::validate::Issue;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// A class list with `extra` added when `on`; plain strings, because
/// `classes!` builds a hashed set for each use.
pub fn with_error(base: &str, on: bool, extra: &str) -> String {
    if on {
        format!("{base} {extra}")
    } else {
        base.to_string()
    }
}

pub fn field_dom_id(field: &str) -> String {
    format!("f-{field}")
}

/// Where a link to a field lands: its input, or a date's first part in the
/// reader's order (the day's input has the field's own id).
pub fn field_target(ctx: &Ctx, field: &str) -> String {
    let first = match ctx.state.form().field(field).map(|f| f.kind) {
        Some(FieldKind::Date | FieldKind::Datetime) => date_order(ctx)[0].suffix(),
        _ => "",
    };
    format!("{}{first}", field_dom_id(field))
}

/// One of the three inputs of a date.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DatePart {
    Day,
    Month,
    Year,
}

impl DatePart {
    /// Its name: in the input's `name` and `autocomplete`, and its first
    /// letter in `date.order`.
    fn name(self) -> &'static str {
        match self {
            DatePart::Day => "day",
            DatePart::Month => "month",
            DatePart::Year => "year",
        }
    }

    /// What its input's id adds to the field's.
    fn suffix(self) -> &'static str {
        match self {
            DatePart::Day => "",
            DatePart::Month => "-month",
            DatePart::Year => "-year",
        }
    }

    fn label_key(self) -> &'static str {
        match self {
            DatePart::Day => "date.day",
            DatePart::Month => "date.month",
            DatePart::Year => "date.year",
        }
    }
}

/// The order in which the reader's language writes a date: `date.order` in
/// its messages (`dmy`, `ymd`, `mdy`); day, month, year if it names none.
fn date_order(ctx: &Ctx) -> [DatePart; 3] {
    let all = [DatePart::Day, DatePart::Month, DatePart::Year];
    let named: Vec<DatePart> = ctx
        .t("date.order")
        .chars()
        .filter_map(|c| all.into_iter().find(|p| p.name().starts_with(c)))
        .collect();
    match named[..] {
        [a, b, c] if a != b && b != c && a != c => [a, b, c],
        _ => all,
    }
}

pub fn view(ctx: &Ctx, pi: usize) -> Html {
    let s = ctx.state;
    let page = &s.form().def.pages[pi];
    let report = ctx.report;
    let back = previous_route(s.form(), report, ctx.who, pi);
    let visible: Vec<&Field> = page
        .fields
        .iter()
        .enumerate()
        .filter(|(fi, _)| report.fields_visible[pi][*fi])
        .map(|(_, f)| f)
        .collect();
    let single = visible.len() == 1 && page.fields.len() == 1;
    let on_continue = {
        let dispatch = ctx.dispatch.clone();
        let page = page.id.clone();
        let who = ctx.who;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(Action::Continue {
                who,
                page: page.clone(),
                now: crate::platform::now(),
            });
        })
    };
    let t = |k: &str| ctx.t(k);
    html! {
        <>
            <a class="back-link" href={back.to_hash()}>{ t("app.back") }</a>
            { error_summary(ctx, &s.shown) }
            <form novalidate=true onsubmit={on_continue}>
                if !single {
                    { super::h1(t(&page.title)) }
                    if let Some(h) = &page.hint { <p class="hint">{ t(h) }</p> }
                }
                { for page.content.iter().map(|k| html! { { super::para(t(k)) } }) }
                if page.shared { { copy_buttons(ctx, page) } }
                { for visible.iter().map(|f| field_view(ctx, page, f, single)) }
                if !page.ends_journey {
                    <button type="submit" class="button" data-module="continue">{ t("app.continue") }</button>
                }
            </form>
        </>
    }
}

/// On a page of answers a household usually shares: one button per other
/// applicant who has answered it, copying their answers here.
fn copy_buttons(ctx: &Ctx, page: &Page) -> Html {
    let Some(who) = ctx.who else {
        return Html::default();
    };
    let people = &ctx.state.draft.dossier.applicants;
    let buttons = (0..people.len())
        .filter(|&from| from != who)
        .filter(|&from| {
            page.fields
                .iter()
                .any(|f| people[from].answers.get(&f.id).is_some_and(|a| !a.is_blank()))
        })
        .map(|from| {
            let dispatch = ctx.dispatch.clone();
            let page = page.id.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::CopyPage {
                    who,
                    from,
                    page: page.clone(),
                })
            });
            let label = match ctx.state.addressee(Some(from)) {
                None => ctx.t("copy.mine"),
                Some(name) => ctx.tp("copy.from", &[("person", &name)]),
            };
            html! { <button type="button" class="button button--secondary" {onclick}>{ label }</button> }
        })
        .collect::<Html>();
    html! { <div class="button-group">{ buttons }</div> }
}

/// The issues shown for one field, errors first.
fn shown_for<'a>(ctx: &'a Ctx, field: &str) -> Vec<&'a Issue> {
    let mut v: Vec<&Issue> = ctx
        .state
        .shown
        .iter()
        .filter(|i| i.field == field)
        .collect();
    dossier_engine::sorting::sort_by_key(&mut v, |i| i.severity);
    v
}

fn field_view(ctx: &Ctx, page: &Page, field: &Field, single: bool) -> Html {
    let id = field_dom_id(&field.id);
    let shown = shown_for(ctx, &field.id);
    let error = shown
        .iter()
        .find(|i| i.severity == Severity::Error)
        .map(|i| ctx.issue(i));
    let notes: Vec<&Issue> = shown
        .iter()
        .filter(|i| i.severity != Severity::Error)
        .copied()
        .collect();
    let hint_key = if single {
        field.hint.as_ref().or(page.hint.as_ref())
    } else {
        field.hint.as_ref()
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let describedby = [
        hint_key.map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let required = field.required || field.required_if.is_some();
    let label_text = if single {
        ctx.t(&page.title)
    } else {
        ctx.t(&field.label)
    };
    let optional = if required {
        String::new()
    } else {
        format!(" {}", ctx.t("app.optional"))
    };
    let hint =
        hint_key.map(|k| html! { <div class="hint" id={hint_id.clone()}>{ ctx.t(k) }</div> });
    let error_html = error.as_ref().map(|msg| {
        html! {
            <p class="error-message" id={error_id.clone()}>
                <span class="visually-hidden">{ ctx.t("error.title_prefix") }{" "}</span>{ msg.clone() }
            </p>
        }
    });
    let notes_html = issue_paragraphs(ctx, &notes);
    let group_class = with_error("form-group", error.is_some(), "form-group--error");
    let answer = ctx
        .state
        .answers(ctx.who)
        .and_then(|a| a.get(&field.id))
        .cloned();
    let is_group = matches!(
        field.kind,
        FieldKind::Date | FieldKind::Datetime | FieldKind::Checkboxes
    ) || (field.kind == FieldKind::Choice && field.widget != Some(Widget::Select));
    let heading_id = single.then_some("page-heading");

    if is_group {
        let legend = if single {
            html! { <legend class="fieldset__legend fieldset__legend--l"><h1 class="heading-l" id={heading_id} tabindex="-1">{ label_text }{ optional }</h1></legend> }
        } else {
            html! { <legend class="fieldset__legend fieldset__legend--m">{ label_text }{ optional }</legend> }
        };
        let control = match field.kind {
            FieldKind::Choice => options(ctx, field, &id, answer.as_ref(), false),
            FieldKind::Checkboxes => options(ctx, field, &id, answer.as_ref(), true),
            _ => date_inputs(ctx, field, &id, answer, error.is_some()),
        };
        html! {
            <div class={group_class}>
                <fieldset class="fieldset" aria-describedby={(!describedby.is_empty()).then_some(describedby)}>
                    { legend }{ hint }{ error_html }{ notes_html }{ control }
                </fieldset>
            </div>
        }
    } else {
        let label = if single {
            html! { <h1 class="label-wrapper" id={heading_id} tabindex="-1"><label class="label label--l" for={id.clone()}>{ label_text }{ optional }</label></h1> }
        } else {
            html! { <label class="label" for={id.clone()}>{ label_text }{ optional }</label> }
        };
        let control = match field.kind {
            FieldKind::File => super::upload::file_input(
                ctx,
                field,
                &id,
                answer.as_ref(),
                error.is_some(),
                &describedby,
            ),
            FieldKind::Choice | FieldKind::Country => select(
                ctx,
                field,
                &id,
                answer.as_ref(),
                error.is_some(),
                &describedby,
            ),
            _ => text_input(
                ctx,
                field,
                &id,
                answer.as_ref(),
                error.is_some(),
                &describedby,
            ),
        };
        html! { <div class={group_class}>{ label }{ hint }{ error_html }{ notes_html }{ control }</div> }
    }
}

/// The text of a text answer, or nothing.
fn text_of(answer: Option<&Answer>) -> String {
    answer
        .and_then(Answer::as_text)
        .unwrap_or_default()
        .to_string()
}

fn answer_callback(ctx: &Ctx, field: &Field) -> Callback<Answer> {
    let dispatch = ctx.dispatch.clone();
    let id = field.id.clone();
    let who = ctx.who;
    Callback::from(move |answer| {
        dispatch.emit(Action::Answer {
            who,
            field: id.clone(),
            answer,
        })
    })
}

fn text_input(
    ctx: &Ctx,
    field: &Field,
    id: &str,
    answer: Option<&Answer>,
    error: bool,
    describedby: &str,
) -> Html {
    let value = text_of(answer);
    let kind = field.kind;
    let on_answer = answer_callback(ctx, field);
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let typed = input.value();
        let value = as_typed(kind, &typed);
        if value != typed {
            // A name in capitals, rewritten in place with the caret (or
            // the selection) where the user had it: the render that follows
            // finds the same text and leaves the input alone. Capital
            // letters A to Z take the room of the small ones, so every
            // position still points where it did.
            let start = input.selection_start().ok().flatten();
            let end = input.selection_end().ok().flatten();
            input.set_value(&value);
            if let (Some(start), Some(end)) = (start, end) {
                let _ = input.set_selection_range(start, end);
            }
        }
        on_answer.emit(Answer::Text(value));
    });
    let (input_type, inputmode, width) = match kind {
        FieldKind::Phone => ("tel", Some("tel"), "input--w20"),
        FieldKind::Postcode => ("text", Some("numeric"), "input--w10"),
        FieldKind::Integer => ("text", Some("numeric"), "input--w4"),
        FieldKind::IdentityNumber => ("text", None, "input--w20"),
        _ => ("text", None, "input--full"),
    };
    let no_spellcheck = matches!(
        kind,
        FieldKind::Name
            | FieldKind::IdentityNumber
            | FieldKind::Postcode
            | FieldKind::Phone
            | FieldKind::Integer
    );
    let input = html! {
        <input
            class={with_error(&format!("input {width}"), error, "input--error")}
            id={id.to_string()}
            name={field.id.clone()}
            type={input_type}
            inputmode={inputmode}
            autocomplete={field.autocomplete.clone().unwrap_or_else(|| "off".into())}
            autocapitalize={(kind == FieldKind::Name || kind == FieldKind::IdentityNumber).then_some("characters")}
            spellcheck={no_spellcheck.then_some("false")}
            aria-describedby={(!describedby.is_empty()).then(|| describedby.to_string())}
            aria-invalid={error.then_some("true")}
            value={value}
            {oninput}
        />
    };
    match &field.suffix {
        // The unit after the box ("days"); the label or hint says it too,
        // so screen readers skip it.
        Some(suffix) => html! {
            <div class="input__wrapper">
                { input }
                <div class="input__suffix" aria-hidden="true">{ ctx.t(suffix) }</div>
            </div>
        },
        None => input,
    }
}

/// Radios for a choice, or checkboxes ("tick all that apply") for
/// `multiple` choices, each box adding or removing its option's value:
/// one builder for both, as they differ only in those.
fn options(ctx: &Ctx, field: &Field, id: &str, answer: Option<&Answer>, multiple: bool) -> Html {
    let current = text_of(answer);
    let on_answer = answer_callback(ctx, field);
    let (kind, class) = if multiple {
        ("checkbox", "checkboxes")
    } else {
        ("radio", "radios")
    };
    let ticked: Vec<&str> = current.split_whitespace().collect();
    html! {
        <div class={class}>
            { for field.options.iter().enumerate().map(|(n, opt)| {
                let input_id = if n == 0 { id.to_string() } else { format!("{id}-{n}") };
                let hint_id = format!("{input_id}-hint");
                let (value, raw, def) = (opt.value.clone(), current.clone(), field.clone());
                let on_answer = on_answer.clone();
                let onchange = Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    on_answer.emit(Answer::Text(if multiple {
                        dossier_engine::fields::toggle(&def, &raw, &value, input.checked())
                    } else {
                        value.clone()
                    }));
                });
                let checked = if multiple { ticked.contains(&opt.value.as_str()) } else { current == opt.value };
                html! {
                    <div class={format!("{class}__item")}>
                        <input class={format!("{class}__input")} type={kind} id={input_id.clone()} name={field.id.clone()}
                            value={opt.value.clone()} {checked} {onchange}
                            aria-describedby={opt.hint.as_ref().map(|_| hint_id.clone())} />
                        <label class={format!("{class}__label")} for={input_id.clone()}>{ ctx.t(&opt.label) }</label>
                        if let Some(h) = &opt.hint { <div class={format!("hint {class}__hint")} id={hint_id}>{ ctx.t(h) }</div> }
                    </div>
                }
            }) }
        </div>
    }
}

fn select(
    ctx: &Ctx,
    field: &Field,
    id: &str,
    answer: Option<&Answer>,
    error: bool,
    describedby: &str,
) -> Html {
    let current = text_of(answer);
    let on_answer = answer_callback(ctx, field);
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        on_answer.emit(Answer::Text(select.value()));
    });
    let countries = &ctx.state.form().countries;
    // An alias (XXK) is answered by the place's one option (RKS).
    let current = match field.kind {
        FieldKind::Country => countries.listed_as(&current).to_string(),
        _ => current,
    };
    let mut options: Vec<(String, String)> = if field.kind == FieldKind::Country {
        countries
            .listed()
            .map(|c| (c.clone(), ctx.t(&format!("country.{c}"))))
            .collect()
    } else {
        field
            .options
            .iter()
            .map(|o| (o.value.clone(), ctx.t(&o.label)))
            .collect()
    };
    if field.kind == FieldKind::Country {
        dossier_engine::sorting::sort_by(&mut options, |a, b| a.1.cmp(&b.1));
    }
    html! {
        <select class={with_error("select", error, "select--error")} id={id.to_string()} name={field.id.clone()}
            autocomplete={field.autocomplete.clone()}
            aria-describedby={(!describedby.is_empty()).then(|| describedby.to_string())}
            aria-invalid={error.then_some("true")} {onchange}>
            <option value="" selected={current.is_empty()}>{ ctx.t("app.select_placeholder") }</option>
            { for options.into_iter().map(|(value, label)| {
                let selected = value == current;
                html! { <option value={value} selected={selected}>{ label }</option> }
            }) }
        </select>
    }
}

fn date_inputs(ctx: &Ctx, field: &Field, id: &str, answer: Option<Answer>, error: bool) -> Html {
    let parts = match answer {
        Some(Answer::Date(p)) => p,
        _ => DateParts::default(),
    };
    let with_time = field.kind == FieldKind::Datetime;
    let on_answer = answer_callback(ctx, field);
    // Every part is read from the page on each input: autofill fills day,
    // month and year at once, before the next render.
    let read_all = {
        let parts = parts.clone();
        let id = id.to_string();
        let on_answer = on_answer.clone();
        Callback::from(move |_: InputEvent| {
            let read = |suffix: &str, old: &str| {
                crate::platform::input_value(&format!("{id}{suffix}"))
                    .unwrap_or_else(|| old.to_string())
            };
            on_answer.emit(Answer::Date(DateParts {
                day: read(DatePart::Day.suffix(), &parts.day),
                month: read(DatePart::Month.suffix(), &parts.month),
                year: read(DatePart::Year.suffix(), &parts.year),
                time: with_time.then(|| read("-time", parts.time.as_deref().unwrap_or(""))),
            }));
        })
    };
    let part = |part: DatePart| {
        let oninput = read_all.clone();
        let name = part.name();
        let autocomplete = field.autocomplete.as_deref().map(|a| match a {
            "bday" => format!("bday-{name}"),
            _ => "off".to_string(),
        });
        let (value, width) = match part {
            DatePart::Day => (parts.day.clone(), "input--w2"),
            DatePart::Month => (parts.month.clone(), "input--w2"),
            DatePart::Year => (parts.year.clone(), "input--w4"),
        };
        let input_id = format!("{id}{}", part.suffix());
        html! {
            <div class="date-input__item">
                <label class="label date-input__label" for={input_id.clone()}>{ ctx.t(part.label_key()) }</label>
                <input class={with_error(&format!("input date-input__input {width}"), error, "input--error")}
                    id={input_id} name={format!("{}-{name}", field.id)} type="text" inputmode="numeric"
                    autocomplete={autocomplete} aria-invalid={error.then_some("true")}
                    value={value} {oninput} />
            </div>
        }
    };
    let time_value = parts.time.clone().unwrap_or_default();
    let time = with_time.then(|| {
        let time_id = format!("{id}-time");
        let hint_id = format!("{time_id}-hint");
        let oninput = read_all.clone();
        html! {
            <div class="date-input__item date-input__item--time">
                <label class="label date-input__label" for={time_id.clone()}>{ ctx.t("date.time") }</label>
                <div class="hint" id={hint_id.clone()}>{ ctx.t("date.time.hint") }</div>
                <input class={with_error("input input--w5", error, "input--error")} id={time_id}
                    name={format!("{}-time", field.id)} type="time" aria-describedby={hint_id}
                    aria-invalid={error.then_some("true")} value={time_value} {oninput} />
            </div>
        }
    });
    html! {
        <div class="date-input">
            { for date_order(ctx).into_iter().map(part) }
            { time }
        </div>
    }
}
