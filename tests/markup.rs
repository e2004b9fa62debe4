//! Component markup rendered natively (Yew's server renderer): what a user
//! would see on each page, in both languages.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{FixedOffset, TimeZone};
use dossier::draft::Draft;
use dossier::route::Route;
use dossier::state::{new_draft, Action, AppState, Env, Notice, Prepared};
use dossier::view::{page_title, Journey, JourneyProps};
use dossier_engine::answers::{Answer, DateParts, FillerRole};
use dossier_engine::rules::{load_dir, RuleSet};
use std::path::Path;
use std::rc::Rc;
use std::sync::OnceLock;
use yew::{LocalServerRenderer, Reducible};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        load_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))).expect("rules load")
    })
}

fn now() -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 21, 10, 0, 0)
        .unwrap()
}

fn state(route: Route, lang: &str) -> AppState {
    filing("temporary-residence", "", route, lang)
}

/// A new filing of `service` of `form` at `route`, in `lang`.
fn filing(form: &str, service: &str, route: Route, lang: &str) -> AppState {
    let set = rules();
    let form = set.form(form).unwrap().clone();
    let service = form.def.service(service);
    let draft: Draft = new_draft(&form, &service);
    let env = Rc::new(Env {
        form,
        catalogue: Rc::new(set.catalogue()),
        sources: Vec::new(),
        service,
    });
    AppState::new(
        env,
        Rc::new(set.catalog(lang).unwrap().clone()),
        draft,
        route,
        now(),
    )
}

fn render(state: AppState) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    local.block_on(
        &rt,
        LocalServerRenderer::<Journey>::with_props(JourneyProps { initial: state }).render(),
    )
}

fn text(a: &str) -> Answer {
    Answer::Text(a.into())
}

fn date(d: &str, m: &str, y: &str) -> Answer {
    Answer::Date(DateParts {
        day: d.into(),
        month: m.into(),
        year: y.into(),
        time: None,
    })
}

/// Every answer given, correctly: the engine tests' complete applicant
/// (staying with a host), at [`now`].
fn complete_dossier() -> dossier_engine::answers::Dossier {
    serde_json::from_str(include_str!(
        "../crates/engine/tests/fixtures/complete-with-host.json"
    ))
    .unwrap()
}

/// [`complete_dossier`], filled in by the applicant, on the task list.
fn complete_filing(lang: &str) -> AppState {
    let mut s = state(Route::Tasks(0), lang);
    s.draft.dossier = complete_dossier();
    s.checked_again()
}

fn apply(state: AppState, actions: Vec<Action>) -> AppState {
    let mut s = Rc::new(state);
    for a in actions {
        s = s.reduce(a);
    }
    (*s).clone()
}

/// The first parts of message keys: the shell's own, and every one the
/// shipped languages have (so a new namespace is covered as soon as a
/// language has it).
fn namespaces() -> Vec<String> {
    let mut out: Vec<String> = [
        "app",
        "check",
        "copy",
        "country",
        "date",
        "declaration",
        "delete",
        "done",
        "draft",
        "error",
        "file",
        "filler",
        "hh",
        "people",
        "person",
        "receipt",
        "remove",
        "start",
        "tasks",
        "tr",
    ]
    .map(String::from)
    .to_vec();
    for catalog in &rules().catalogs {
        for key in catalog.keys() {
            let first = key.split('.').next().unwrap_or(key).to_string();
            if !out.contains(&first) {
                out.push(first);
            }
        }
    }
    out
}

/// Whether `word` has the shape of a message key of one of `namespaces`:
/// lower-case words joined by dots (`tasks.status.completed`).
fn is_key(word: &str, namespaces: &[String]) -> bool {
    let mut parts = word.split('.');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && namespaces.iter().any(|n| n == first)
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        })
}

/// What a user reads or hears on a page: the texts between tags, and
/// the attributes' values (`aria-label`, `value`, …). Comments are left out.
fn split_html(html: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut texts, mut values) = (Vec::new(), Vec::new());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        texts.push(&rest[..open]);
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r);
            continue;
        }
        let close = rest.find('>').unwrap_or(rest.len());
        values.extend(rest[..close].split('"').skip(1).step_by(2));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    texts.push(rest);
    (texts, values)
}

/// No message key may leak into what the user reads or hears: a key that
/// a language lacks shows as itself, in a text or in an attribute.
fn assert_no_keys(html: &str) {
    let namespaces = namespaces();
    let (texts, values) = split_html(html);
    for text in texts.into_iter().chain(values) {
        // Words of ASCII letters, digits, dots, dashes and underscores: a
        // key may stand right next to Chinese text.
        for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || "._-".contains(c))) {
            let word = word.trim_end_matches('.');
            assert!(
                !is_key(word, &namespaces),
                "a raw message key '{word}' is shown:\n{html}"
            );
        }
    }
}

/// The text of the page's one heading (`#page-heading`), as read.
fn heading(html: &str) -> String {
    assert_eq!(
        html.matches(r#"id="page-heading""#).count(),
        1,
        "one page heading:\n{html}"
    );
    let at = html.find(r#"id="page-heading""#).unwrap();
    let from = at + html[at..].find('>').unwrap() + 1;
    let to = from + html[from..].find("</h1>").expect("the heading is an h1");
    decode(&split_html(&html[from..to]).0.concat())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The few entities Yew's renderer writes.
fn decode(text: &str) -> String {
    text.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn start_page_in_both_languages() {
    let en = render(state(Route::Start, "en"));
    assert!(
        en.contains("Register where you are staying in China"),
        "{en}"
    );
    assert!(en.contains("Start now"));
    assert!(en.contains("Delete my data on this device"));
    let zh = render(state(Route::Start, "zh-CN"));
    assert!(zh.contains("开始填写"), "{zh}");
    assert!(zh.contains("删除本设备上的数据"));
    assert_no_keys(&en);
    assert_no_keys(&zh);
}

/// Filings in which, between them, every page of the form applies: one
/// person filling it in for themself (staying with a host, with a visa),
/// a hotel stay, a return after a trip abroad on visa-free entry, a new
/// document, a relative filling it in for an adult, and a friend for a
/// child (who needs a guardian's details).
fn filings(lang: &str) -> Vec<AppState> {
    let answer = |who, field: &str, answer: Answer| Action::Answer {
        who,
        field: field.into(),
        answer,
    };
    let myself_for = |housing: &str, reason: &str, visa: &str| {
        vec![
            Action::ChooseRole(Some(FillerRole::myself())),
            answer(Some(0), "housing_type", text(housing)),
            answer(Some(0), "registration_reason", text(reason)),
            answer(Some(0), "visa_type", text(visa)),
        ]
    };
    let myself = |housing: &str| myself_for(housing, "new_address", "L");
    let helped = |relationship: &str, born: Answer| {
        vec![
            Action::ChooseRole(Some(FillerRole::parse("family").unwrap())),
            answer(None, "helper_name", text("Li Lei")),
            answer(Some(0), "given_names", text("MARIA")),
            answer(Some(0), "relationship", text(relationship)),
            answer(Some(0), "date_of_birth", born),
        ]
    };
    [
        myself("with_host"),
        myself("hotel"),
        myself_for("rented", "re_entry", "visa_free"),
        myself_for("rented", "new_document", "L"),
        helped("spouse", date("27", "3", "1985")),
        helped("friend", date("1", "6", "2015")),
    ]
    .into_iter()
    .map(|actions| apply(state(Route::Start, lang), actions))
    .collect()
}

/// Each question page, opened where it applies, shows its own heading and
/// title, worded for the person it is about, without a raw key; a page
/// that does not apply shows the task list instead.
#[test]
fn every_question_page_renders_its_own_heading_in_both_languages() {
    let form = rules().form("temporary-residence").unwrap();
    let def = &form.def;
    for lang in ["en", "zh-CN"] {
        let catalog = rules().catalog(lang).unwrap();
        let filings = filings(lang);
        let form_title = catalog.text(&def.title, &[]);
        for (pi, page) in def.pages.iter().enumerate() {
            let section = def.sections.iter().find(|s| s.pages.contains(&page.id));
            let who = match section.map(|s| s.scope) {
                Some(dossier_engine::rules::Scope::Filler) => None,
                _ => Some(0),
            };
            let Some(filing) = filings
                .iter()
                .find(|s| AppState::part(s.report(), who).pages_visible[pi])
            else {
                panic!("no filing here in which page '{}' applies", page.id);
            };
            let s = apply(filing.clone(), vec![Action::Go(Route::page(who, &page.id))]);
            let html = render(s.clone());
            assert_no_keys(&html);
            let title = catalog.text_about(&page.title, s.addressee(who).as_deref(), &[]);
            // A page of one optional question says so in its heading.
            let expected = match page.fields.as_slice() {
                [f] if !(f.required || f.required_if.is_some()) => {
                    format!("{title} {}", catalog.text("app.optional", &[]))
                }
                _ => title.clone(),
            };
            assert_eq!(heading(&html), expected, "{lang} page '{}'", page.id);
            assert_eq!(
                page_title(&s),
                format!("{title} – {form_title}"),
                "{lang} page '{}'",
                page.id
            );
        }
        // Where a page does not apply (the hotel page for a stay with a
        // host), its address shows the task list.
        let s = apply(
            filings[0].clone(),
            vec![Action::Go(Route::page(Some(0), "hotel"))],
        );
        assert_eq!(heading(&render(s)), catalog.text("tasks.title", &[]));
    }
}

/// The pages around the questions, each with its own heading and title,
/// in both languages.
#[test]
fn every_other_page_renders_its_own_heading_and_title_in_both_languages() {
    for lang in ["en", "zh-CN"] {
        let catalog = rules().catalog(lang).unwrap();
        let t = |key: &str| catalog.text(key, &[]);
        let form_title = t("tr.title");
        let titled = |page: String| format!("{page} – {form_title}");
        let household = household(lang);
        let complete = complete_filing(lang);
        let declared = apply(
            complete.clone(),
            vec![Action::Declare {
                confirmed: true,
                acknowledged: true,
                now: now(),
            }],
        );
        assert_eq!(declared.route, Route::Done);
        let receipt = dossier::signing::Receipt {
            file_name: "dossier-temporary-residence.json".into(),
            applicants: vec!["Anna Smith".into()],
            thumbprint: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs".into(),
            documents: Vec::new(),
        };
        let signed = apply(declared.clone(), vec![Action::Signed(Ok(receipt))]);
        let failed = apply(declared.clone(), vec![Action::Signed(Err("no key".into()))]);
        let go = |s: &AppState, route: Route| apply(s.clone(), vec![Action::Go(route)]);
        let maria = catalog.text_about("remove.question", None, &[("person", "Maria")]);
        let cases: Vec<(&str, AppState, String, String)> = vec![
            (
                "start",
                go(&household, Route::Start),
                form_title.clone(),
                form_title.clone(),
            ),
            (
                "who",
                go(&household, Route::Filler),
                t("filler.title"),
                titled(t("filler.title")),
            ),
            (
                "people",
                go(&household, Route::People),
                t("people.title"),
                titled(t("people.title")),
            ),
            (
                "tasks",
                go(&household, Route::Tasks(0)),
                t("tasks.title"),
                titled(t("tasks.title")),
            ),
            (
                "Maria's tasks",
                go(&household, Route::Tasks(1)),
                catalog.text_about("tasks.title", Some("Maria"), &[]),
                titled(catalog.text_about("tasks.title", Some("Maria"), &[])),
            ),
            (
                "remove",
                go(&household, Route::Remove(1)),
                maria,
                titled(t("remove.title")),
            ),
            (
                "check",
                go(&household, Route::Check(None)),
                t("check.title"),
                titled(t("check.title")),
            ),
            (
                "Maria's check",
                go(&household, Route::Check(Some(1))),
                catalog.text_about("check.title", Some("Maria"), &[]),
                titled(catalog.text_about("check.title", Some("Maria"), &[])),
            ),
            // With errors, the declaration shows check your answers.
            (
                "declaration with errors",
                go(&household, Route::Declaration),
                t("check.title"),
                titled(t("check.title")),
            ),
            (
                "declaration",
                go(&complete, Route::Declaration),
                t("tr.declaration.title"),
                titled(t("tr.declaration.title")),
            ),
            (
                "signing",
                declared,
                t("done.title"),
                titled(t("done.title")),
            ),
            (
                "signing failed",
                failed,
                t("done.title"),
                titled(t("done.title")),
            ),
            (
                "signed",
                signed,
                t("receipt.title"),
                titled(t("receipt.title")),
            ),
            (
                "delete",
                go(&household, Route::Delete),
                t("delete.title"),
                titled(t("delete.title")),
            ),
            (
                "deleted",
                go(&household, Route::Deleted),
                t("delete.done.title"),
                titled(t("delete.done.title")),
            ),
        ];
        for (what, s, expected_heading, expected_title) in cases {
            let html = render(s.clone());
            assert_no_keys(&html);
            assert_eq!(heading(&html), expected_heading, "{lang} {what}");
            assert_eq!(page_title(&s), expected_title, "{lang} {what}");
        }
    }
}

#[test]
fn continue_on_an_empty_page_shows_every_error_in_a_summary() {
    let s = apply(
        state(Route::page(Some(0), "name"), "en"),
        vec![Action::Continue {
            who: Some(0),
            page: "name".into(),
            now: now(),
        }],
    );
    assert_eq!(s.route, Route::page(Some(0), "name"), "stays on the page");
    let html = render(s.clone());
    assert!(html.contains("There is a problem"));
    assert!(html.contains(r#"id="error-summary""#));
    // Each error links to its field and repeats, word for word, inline.
    for issue in &s.shown {
        let href = format!(r##"href="#f-{}""##, issue.field);
        assert!(html.contains(&href), "summary links to {}", issue.field);
        let message = dossier::text::issue_text(&s.catalog, s.form(), issue, None);
        assert_eq!(
            html.matches(&message).count(),
            2,
            "summary and inline say the same: {message}"
        );
    }
    assert!(s.shown.iter().any(|i| i.field == "surname"));
    assert!(s.shown.iter().any(|i| i.field == "given_names"));
}

/// A photo prepared in the browser is shown with what will be sent and the
/// choice to use it or choose another; the input waits hidden, nothing is
/// answered yet, and a new answer, refusal or page puts it away.
#[test]
fn a_prepared_photo_is_shown_before_it_is_kept_in_both_languages() {
    let photo = Route::page(Some(0), "upload-photo");
    let prepared = Prepared {
        who: Some(0),
        field: "photo".into(),
        url: "blob:http://127.0.0.1/1".into(),
        size: 29_100,
        width: 390,
        height: 520,
    };
    for (lang, sent, use_it, again) in [
        (
            "en",
            "This is how your photo will be sent: 390 × 520 pixels, 28.4 KB",
            "Use this photo",
            "Choose a different photo",
        ),
        (
            "zh-CN",
            "照片将按此效果提交：390 × 520像素，28.4 KB",
            "使用这张照片",
            "重新选择照片",
        ),
    ] {
        let s = apply(
            state(photo.clone(), lang),
            vec![Action::Prepare(Some(prepared.clone()))],
        );
        let html = render(s.clone());
        assert_no_keys(&html);
        for text in [sent, use_it, again] {
            assert!(decode(&html).contains(text), "{lang}: {text}");
        }
        assert!(html.contains(r#"src="blob:http://127.0.0.1/1""#));
        assert!(
            html.contains(" hidden"),
            "the input waits behind the preview"
        );
        assert_eq!(s.answers(Some(0)).and_then(|a| a.get("photo")), None);
        // Shown only on its own question, to its own person.
        let elsewhere = apply(s.clone(), vec![Action::Go(Route::page(Some(0), "name"))]);
        assert_eq!(elsewhere.prepared, None);
        let refused = apply(
            s,
            vec![Action::Refuse {
                who: Some(0),
                field: "photo".into(),
                problem: dossier_engine::fields::Problem {
                    code: "unopened",
                    message: "error.file.unopened",
                    params: Vec::new(),
                },
            }],
        );
        assert_eq!(refused.prepared, None);
        assert!(!decode(&render(refused)).contains(use_it));
    }
}

#[test]
fn impossible_date_gets_a_message_the_user_understands() {
    let s = apply(
        state(Route::page(Some(0), "date-of-birth"), "en"),
        vec![
            Action::Answer {
                who: Some(0),
                field: "date_of_birth".into(),
                answer: date("31", "2", "1990"),
            },
            Action::Continue {
                who: Some(0),
                page: "date-of-birth".into(),
                now: now(),
            },
        ],
    );
    let html = render(s);
    assert!(html.contains("must be a real date"), "{html}");
    let s = apply(
        state(Route::page(Some(0), "date-of-birth"), "zh-CN"),
        vec![
            Action::Answer {
                who: Some(0),
                field: "date_of_birth".into(),
                answer: date("29", "2", "2025"),
            },
            Action::Continue {
                who: Some(0),
                page: "date-of-birth".into(),
                now: now(),
            },
        ],
    );
    assert!(render(s).contains("不是有效日期"));
}

/// A date is typed in the order its language writes it (`date.order`):
/// year, month, day in Chinese, day, month, year in English. The inputs
/// keep their ids, and the error summary's link lands on the first.
#[test]
fn date_parts_follow_the_order_of_the_language() {
    let unanswered = |lang: &str| {
        render(apply(
            state(Route::page(Some(0), "date-of-birth"), lang),
            vec![Action::Continue {
                who: Some(0),
                page: "date-of-birth".into(),
                now: now(),
            }],
        ))
    };
    let at = |html: &str, needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {html}"))
    };
    let inputs = |html: &str| {
        ["", "-month", "-year"].map(|suffix| at(html, &format!(r#"id="f-date_of_birth{suffix}""#)))
    };

    let zh = unanswered("zh-CN");
    let [day, month, year] = inputs(&zh);
    assert!(year < month && month < day, "year, month, day: {zh}");
    let [day, month, year] = [">日</label>", ">月</label>", ">年</label>"].map(|l| at(&zh, l));
    assert!(year < month && month < day, "labelled 年, 月, 日: {zh}");
    assert!(zh.contains(r##"href="#f-date_of_birth-year""##), "{zh}");
    for part in ["year", "month", "day"] {
        assert!(
            zh.contains(&format!(r#"autocomplete="bday-{part}""#)),
            "{zh}"
        );
    }

    let en = unanswered("en");
    let [day, month, year] = inputs(&en);
    assert!(day < month && month < year, "day, month, year: {en}");
    assert!(en.contains(r##"href="#f-date_of_birth""##), "{en}");
}

/// Kosovo has two ICAO codes; the list shows it once, and an answer with
/// the other code selects that one option.
#[test]
fn the_country_list_shows_kosovo_once() {
    for (lang, name) in [("zh-CN", "科索沃"), ("en", "Kosovo")] {
        let html = render(state(Route::page(Some(0), "nationality"), lang));
        assert_eq!(
            html.matches(&format!(">{name}</option>")).count(),
            1,
            "{html}"
        );
        assert!(html.contains(r#"value="RKS""#), "{html}");
        assert!(!html.contains(r#"value="XXK""#), "{html}");
    }
    let html = render(apply(
        state(Route::page(Some(0), "nationality"), "en"),
        vec![Action::Answer {
            who: Some(0),
            field: "nationality".into(),
            answer: text("XXK"),
        }],
    ));
    let option = &html[html.find(r#"value="RKS""#).unwrap()..];
    let option = &option[..option.find('>').unwrap()];
    assert!(option.contains("selected"), "{option}");
}

#[test]
fn names_are_upper_cased_and_trimmed_on_continue() {
    let s = apply(
        state(Route::page(Some(0), "name"), "en"),
        vec![
            Action::Answer {
                who: Some(0),
                field: "surname".into(),
                answer: text("  zhang  "),
            },
            Action::Answer {
                who: Some(0),
                field: "given_names".into(),
                answer: text("wei"),
            },
            Action::Continue {
                who: Some(0),
                page: "name".into(),
                now: now(),
            },
        ],
    );
    let answers = &s.draft.dossier.applicants[0].answers;
    assert_eq!(answers.get("surname"), Some(&text("ZHANG")));
    assert_ne!(s.route, Route::page(Some(0), "name"), "moves on");
}

#[test]
fn hotel_stay_ends_the_journey() {
    let s = apply(
        state(Route::page(Some(0), "housing-type"), "en"),
        vec![
            Action::Answer {
                who: Some(0),
                field: "housing_type".into(),
                answer: text("hotel"),
            },
            Action::Continue {
                who: Some(0),
                page: "housing-type".into(),
                now: now(),
            },
        ],
    );
    assert_eq!(s.route, Route::page(Some(0), "hotel"));
    let html = render(s.clone());
    assert!(html.contains("The hotel registers you"));
    assert!(
        !html.contains(">Continue<"),
        "no Continue on an ending page"
    );
    let tasks = render(apply(s, vec![Action::Go(Route::Tasks(0))]));
    assert!(tasks.contains("You do not need to register"));
    assert!(!tasks.contains("Check your answers and declare"));
}

#[test]
fn check_page_has_change_links_that_return() {
    let s = apply(
        state(Route::Check(None), "en"),
        vec![Action::Answer {
            who: Some(0),
            field: "surname".into(),
            answer: text("ZHANG"),
        }],
    );
    let html = render(s);
    assert!(
        html.contains(r##"href="#/page/name?return=check""##),
        "{html}"
    );
    assert!(html.contains("ZHANG"));
    assert!(html.contains("Not given"));
    // Change links say what they change, for screen readers.
    assert!(
        html.contains(r#"<span class="visually-hidden"> Surname (family name)</span>"#),
        "{html}"
    );
}

#[test]
fn continue_from_a_change_link_returns_to_check() {
    let s = apply(
        state(
            Route::Page {
                who: Some(0),
                id: "name".into(),
                from_check: true,
            },
            "en",
        ),
        vec![
            Action::Answer {
                who: Some(0),
                field: "surname".into(),
                answer: text("ZHANG"),
            },
            Action::Answer {
                who: Some(0),
                field: "given_names".into(),
                answer: text("WEI"),
            },
            Action::Continue {
                who: Some(0),
                page: "name".into(),
                now: now(),
            },
        ],
    );
    assert_eq!(s.route, Route::Check(None));
}

#[test]
fn language_switch_keeps_answers() {
    let s = apply(
        state(Route::page(Some(0), "name"), "en"),
        vec![Action::Answer {
            who: Some(0),
            field: "surname".into(),
            answer: text("ZHANG"),
        }],
    );
    let zh = Rc::new(rules().catalog("zh-CN").unwrap().clone());
    let s = apply(s, vec![Action::SetLanguage(zh)]);
    assert_eq!(
        s.draft.dossier.applicants[0].answers.get("surname"),
        Some(&text("ZHANG"))
    );
    assert_eq!(s.route, Route::page(Some(0), "name"));
    let html = render(s);
    assert!(html.contains("ZHANG"));
    assert!(html.contains("继续"));
}

/// Strings in `src/` that look like message keys and are not.
const NOT_KEYS: [&str; 6] = [
    "index.json",
    "index.html",
    "catalogue.bin",
    "dossier.language",
    "dossier.form",
    "dossier.draft.permit",
];

/// Every message key the web shell names exists in every language: each
/// string literal of `src/` shaped like a key (`"receipt.title"`, whether
/// passed to `t`, kept in an issue or a notice, or in an attribute), and
/// the keys it builds (a role's label and hint, a month's name, a
/// country's).
#[test]
fn every_ui_string_exists_in_every_language() {
    let namespaces = namespaces();
    let mut keys = Vec::new();
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(&path).unwrap();
                let file = path.display().to_string();
                // Between each quote and the next: every literal, and the
                // code between two literals (which is never key-shaped).
                let quoted: Vec<&str> = code.split('"').collect();
                for word in quoted.windows(2).map(|w| w[1]) {
                    if is_key(word, &namespaces) {
                        keys.push((file.clone(), word.to_string()));
                    } else {
                        let shaped = word.contains('.')
                            && word.split('.').all(|part| !part.is_empty())
                            && word.chars().all(|c| {
                                c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c)
                            });
                        assert!(
                            !shaped || NOT_KEYS.contains(&word),
                            "{file}: \"{word}\" is shaped like a message key of no known \
                             namespace: add the namespace to namespaces(), or the string to NOT_KEYS"
                        );
                    }
                }
            }
        }
    }
    for expected in [
        "declaration.required",
        "declaration.acknowledge",
        "file.chosen",
        "receipt.title",
        "draft.corrupt",
        "app.language",
        "app.language.unavailable",
        "error.file.quota",
        "tasks.status.completed",
    ] {
        assert!(
            keys.iter().any(|(_, k)| k == expected),
            "the scan finds {expected}"
        );
    }
    // The keys built from parts.
    let form = rules().form("temporary-residence").unwrap();
    for month in 1..=12 {
        keys.push(("src/text.rs".into(), format!("date.month_name.{month}")));
    }
    for country in &form.countries.codes {
        keys.push(("src/view/question.rs".into(), format!("country.{country}")));
    }
    for catalog in &rules().catalogs {
        for (file, key) in &keys {
            assert!(
                catalog.contains(key),
                "{file} uses '{key}', missing in {}",
                catalog.language
            );
        }
    }
}

/// The notification banner on a page, if any.
fn banner(html: &str) -> Option<&str> {
    let class = html.find(r#"class="notification-banner""#)?;
    let at = html[..class].rfind("<div").unwrap();
    let end = at + html[at..].find("</div>").unwrap();
    Some(&html[at..end])
}

/// A language whose messages could not be fetched: the page the user was
/// on says so (as an alert), in the language it stays in, with the answers
/// kept; once a language loads, the message goes.
#[test]
fn a_language_that_could_not_be_fetched_is_reported_on_the_page() {
    for (lang, other) in [("en", "zh-CN"), ("zh-CN", "en")] {
        let catalog = rules().catalog(lang).unwrap();
        let s = apply(
            state(Route::page(Some(0), "name"), lang),
            vec![
                Action::Answer {
                    who: Some(0),
                    field: "surname".into(),
                    answer: text("ZHANG"),
                },
                Action::SetNotice(Some(Notice::LanguageUnavailable)),
            ],
        );
        let html = render(s.clone());
        let shown = banner(&html).unwrap_or_else(|| panic!("{lang}: no notice in {html}"));
        let message = catalog.text("app.language.unavailable", &[]);
        assert!(shown.contains(&message), "{lang}: {shown}");
        assert!(shown.contains(r#"role="alert""#), "{lang}: {shown}");
        assert_eq!(
            heading(&html),
            catalog.text("tr.page.name.title", &[]),
            "{lang}: the same page"
        );
        assert_eq!(s.catalog.language, lang);
        assert!(
            html.contains(r#"value="ZHANG""#),
            "{lang}: the answer is kept"
        );
        assert_no_keys(&html);

        // Choosing it again, and this time it loads: the notice goes.
        let loaded = Rc::new(rules().catalog(other).unwrap().clone());
        let s = apply(s, vec![Action::SetLanguage(loaded)]);
        assert_eq!(s.notice, None);
        assert_eq!(banner(&render(s)), None);
    }
    // A notice about the draft stays on the start page and the task list.
    let outdated = Action::SetNotice(Some(Notice::DraftOutdated));
    let s = apply(state(Route::page(Some(0), "name"), "en"), vec![outdated]);
    assert_eq!(banner(&render(s.clone())), None);
    let tasks = render(apply(s, vec![Action::Go(Route::Tasks(0))]));
    let shown = banner(&tasks).expect("the draft notice on the task list");
    assert!(shown.contains(r#"role="region""#), "{shown}");
}

/// A cross-field error is shown where the user can fix it: continuing on
/// the entry page with an entry date after the move-in date says so there.
#[test]
fn a_cross_field_error_shows_on_the_page_just_answered() {
    let arrival = Answer::Date(DateParts {
        day: "10".into(),
        month: "11".into(),
        year: "2026".into(),
        time: Some("09:00".into()),
    });
    let s = apply(
        state(Route::page(Some(0), "entry"), "en"),
        vec![
            Action::Answer {
                who: Some(0),
                field: "arrival_datetime".into(),
                answer: arrival,
            },
            Action::Answer {
                who: Some(0),
                field: "entry_date".into(),
                answer: date("15", "11", "2026"),
            },
            Action::Continue {
                who: Some(0),
                page: "entry".into(),
                now: now(),
            },
        ],
    );
    assert_eq!(s.route, Route::page(Some(0), "entry"), "does not move on");
    let shown: Vec<(&str, &str)> = s
        .shown
        .iter()
        .map(|i| (i.code.as_str(), i.field.as_str()))
        .collect();
    assert_eq!(shown, [("moved_in_after_entry", "entry_date")]);
    let html = render(s);
    assert!(html.contains(r##"href="#f-entry_date""##), "{html}");
    assert!(html.contains("Check both dates"));
}

/// Clearing every answer of a section leaves it "Not started", and Back
/// and Continue skip the pages that do not apply.
#[test]
fn cleared_answers_do_not_count_and_navigation_skips_pages_that_do_not_apply() {
    let s = apply(
        state(Route::Tasks(0), "en"),
        vec![
            Action::Answer {
                who: Some(0),
                field: "surname".into(),
                answer: text("ZHANG"),
            },
            Action::Answer {
                who: Some(0),
                field: "surname".into(),
                answer: text(""),
            },
        ],
    );
    let report = AppState::part(s.report(), Some(0)).clone();
    let about_you = s
        .form()
        .def
        .sections
        .iter()
        .position(|x| x.id == "about-you")
        .unwrap();
    assert_eq!(
        dossier::state::section_status(&s, &report, Some(0), about_you),
        dossier::state::SectionStatus::NotStarted
    );

    // With own property there is no host page: Continue on "departure"
    // goes to the papers for the home, then back to the task list; Back
    // from "address" goes to "registration-reason".
    let s = apply(
        s,
        vec![Action::Answer {
            who: Some(0),
            field: "housing_type".into(),
            answer: text("own_property"),
        }],
    );
    let report = AppState::part(s.report(), Some(0)).clone();
    let form = s.form();
    let at = |id: &str| s.page_index(id).unwrap();
    assert_eq!(
        dossier::state::next_route(form, &report, Some(0), at("departure")),
        Route::page(Some(0), "housing-papers")
    );
    assert_eq!(
        dossier::state::next_route(form, &report, Some(0), at("housing-papers")),
        Route::Tasks(0)
    );
    assert_eq!(
        dossier::state::previous_route(form, &report, Some(0), at("address")),
        Route::page(Some(0), "registration-reason")
    );
    assert_eq!(
        dossier::state::next_route(form, &report, Some(0), at("housing-type")),
        Route::page(Some(0), "registration-reason")
    );
}

/// A whole number (the visa's duration of each stay) is typed in a narrow
/// numeric box with its unit after it, hidden from screen readers because
/// the hint says it.
#[test]
fn an_integer_question_shows_its_unit_after_a_numeric_box() {
    for (lang, unit) in [("en", "days"), ("zh-CN", "天")] {
        let s = apply(
            state(Route::Start, lang),
            vec![
                Action::ChooseRole(Some(FillerRole::myself())),
                Action::Answer {
                    who: Some(0),
                    field: "visa_type".into(),
                    answer: text("L"),
                },
                Action::Go(Route::page(Some(0), "visa-details")),
            ],
        );
        let html = render(s);
        let at = html.find(r#"id="f-visa_stay_days""#).expect(&html);
        let input = &html[html[..at].rfind('<').unwrap()..];
        let input = &input[..input.find('>').unwrap()];
        assert!(input.contains(r#"inputmode="numeric""#), "{input}");
        assert!(input.contains("input--w4"), "{input}");
        assert!(
            html.contains(&format!(
                r#"<div aria-hidden="true" class="input__suffix">{unit}</div>"#
            )),
            "{html}"
        );
        // A permit's expiry is not asked beside a visa's duration of stay.
        assert!(!html.contains(r#"id="f-visa_expiry""#), "{html}");
    }
}

// ---------------------------------------------------------------------------
// Households (issue 4)
// ---------------------------------------------------------------------------

/// Anna, filling it in for herself, and Maria, added after her, with her
/// given name entered.
fn household(lang: &str) -> AppState {
    apply(
        state(Route::Start, lang),
        vec![
            Action::ChooseRole(Some(FillerRole::myself())),
            Action::Answer {
                who: Some(0),
                field: "given_names".into(),
                answer: text("ANNA"),
            },
            Action::Answer {
                who: Some(0),
                field: "housing_type".into(),
                answer: text("with_host"),
            },
            Action::AddPerson,
            Action::Answer {
                who: Some(1),
                field: "given_names".into(),
                answer: text("MARIA"),
            },
        ],
    )
}

#[test]
fn who_is_filling_it_in_is_asked_first_and_required() {
    let s = state(Route::Start, "en");
    let start = render(s.clone());
    assert!(start.contains("href=\"#/who\""), "{start}");
    let s = apply(s, vec![Action::Go(Route::Filler), Action::ChooseRole(None)]);
    let html = render(s.clone());
    assert!(html.contains("Who is filling in this form?"), "{html}");
    assert!(
        html.contains("Select who is filling in this form"),
        "{html}"
    );
    assert!(html.contains("An employer, school, letting company or other organisation"));
    assert!(html.contains("The landlord or host (留宿人)"), "{html}");
    let s = apply(
        s,
        vec![Action::ChooseRole(Some(
            FillerRole::parse("family").unwrap(),
        ))],
    );
    // A helper gives their own details first.
    assert_eq!(s.route, Route::page(None, "helper-details"));
    let html = render(s);
    assert!(html.contains("Your details"), "{html}");
    assert_no_keys(&html);
}

#[test]
fn questions_about_someone_else_name_them_in_both_languages() {
    let s = household("en");
    assert_eq!(
        s.route,
        Route::page(Some(1), "name"),
        "a new person's name comes first"
    );
    let en = render(apply(
        s,
        vec![Action::Go(Route::page(Some(1), "date-of-birth"))],
    ));
    assert!(
        en.contains("What is Maria&#x27;s date of birth?")
            || en.contains("What is Maria's date of birth?"),
        "{en}"
    );
    let mine = render(apply(
        household("en"),
        vec![Action::Go(Route::page(Some(0), "date-of-birth"))],
    ));
    assert!(mine.contains("What is your date of birth?"), "{mine}");
    let zh = render(apply(
        household("zh-CN"),
        vec![Action::Go(Route::page(Some(1), "date-of-birth"))],
    ));
    assert!(zh.contains("请填写Maria的出生日期"), "{zh}");
    assert_no_keys(&en);
    assert_no_keys(&zh);
}

#[test]
fn the_people_page_lists_everyone_with_their_status() {
    let html = render(apply(household("en"), vec![Action::Go(Route::People)]));
    assert!(html.contains("People in this application"), "{html}");
    assert!(html.contains("Anna (you)"), "{html}");
    assert!(html.contains("Maria"));
    assert!(html.contains("In progress"));
    assert!(
        html.contains("href=\"#/a/1/remove\""),
        "the husband can be removed"
    );
    assert!(!html.contains("href=\"#/a/0/remove\""), "the filler cannot");
    assert_no_keys(&html);
}

#[test]
fn removing_someone_asks_first_and_keeps_the_others_progress() {
    let s = apply(
        household("en"),
        vec![
            Action::AddPerson,
            Action::Answer {
                who: Some(2),
                field: "given_names".into(),
                answer: text("TOM"),
            },
            Action::Answer {
                who: Some(2),
                field: "surname".into(),
                answer: text("SMITH"),
            },
            Action::Continue {
                who: Some(2),
                page: "name".into(),
                now: now(),
            },
            Action::Go(Route::Remove(1)),
        ],
    );
    assert!(s.draft.completed.contains("2/name"));
    let html = render(s.clone());
    assert!(
        html.contains("Are you sure you want to remove Maria?"),
        "{html}"
    );
    assert!(html.contains("Yes, remove"));
    let s = apply(s, vec![Action::RemovePerson(1)]);
    assert_eq!(s.route, Route::People);
    let names: Vec<_> = s
        .draft
        .dossier
        .applicants
        .iter()
        .map(|a| a.answers.get("given_names").cloned())
        .collect();
    assert_eq!(names, [Some(text("ANNA")), Some(text("TOM"))]);
    // Tom's progress moved with him.
    assert!(s.draft.completed.contains("1/name"));
    assert!(!s.draft.completed.contains("2/name"));
    // The filler themself is never removed.
    let s = apply(s, vec![Action::RemovePerson(0)]);
    assert_eq!(s.draft.dossier.applicants.len(), 2);
}

#[test]
fn shared_answers_are_copied_in_one_tap_and_stay_editable() {
    let s = apply(
        household("en"),
        vec![Action::Go(Route::page(Some(1), "housing-type"))],
    );
    let html = render(s.clone());
    assert!(html.contains("Use the same answers as mine"), "{html}");
    let s = apply(
        s,
        vec![Action::CopyPage {
            who: 1,
            from: 0,
            page: "housing-type".into(),
        }],
    );
    assert_eq!(
        s.draft.dossier.applicants[1].answers.get("housing_type"),
        Some(&text("with_host"))
    );
    let s = apply(
        s,
        vec![Action::Answer {
            who: Some(1),
            field: "housing_type".into(),
            answer: text("rented"),
        }],
    );
    assert_eq!(
        s.draft.dossier.applicants[0].answers.get("housing_type"),
        Some(&text("with_host")),
        "the first applicant's answer is untouched"
    );
}

#[test]
fn the_kept_report_equals_a_full_check_after_every_kind_of_change() {
    let answer = |who, field: &str, value: &str| Action::Answer {
        who,
        field: field.into(),
        answer: text(value),
    };
    let mut s = household("en");
    let changes = [
        // A keystroke re-checks one applicant only.
        ("a surname", answer(Some(1), "surname", "SM1TH")),
        ("a date", answer(Some(0), "date_of_birth", "x")),
        ("a relationship", answer(Some(1), "relationship", "friend")),
        ("the filler's name", answer(None, "helper_name", "Li")),
        // Continue writes back the accepted text ("li" becomes "LI").
        ("a name in lower case", answer(Some(1), "surname", " li ")),
        (
            "continue",
            Action::Continue {
                who: Some(1),
                page: "name".into(),
                now: now() + chrono::Duration::hours(30),
            },
        ),
        (
            "copying",
            Action::CopyPage {
                who: 1,
                from: 0,
                page: "housing-type".into(),
            },
        ),
        ("adding", Action::AddPerson),
        ("removing", Action::RemovePerson(1)),
        (
            "the role",
            Action::ChooseRole(Some(FillerRole::parse("family").unwrap())),
        ),
    ];
    for (what, action) in changes {
        s = apply(s, vec![action]);
        let full = s.clone().checked_again();
        assert_eq!(s.report(), full.report(), "after {what}");
        if what == "continue" {
            let surname = s.draft.dossier.applicants[1].answers.get("surname");
            assert_eq!(
                surname,
                Some(&text("LI")),
                "the accepted text was written back"
            );
        }
    }
    assert_eq!(s.draft.dossier.applicants.len(), 2);
}

#[test]
fn the_declaration_page_shows_the_text_made_for_each_applicant() {
    // Every answer given: the fixture's complete applicant, twice.
    let mut dossier = complete_dossier();
    let mut maria = dossier.applicants[0].clone();
    maria.answers.insert("given_names".into(), text("MARIA"));
    maria.answers.insert("relationship".into(), text("spouse"));
    let proof = maria.answers["copy_data_page"].clone();
    maria.answers.insert("relationship_proof".into(), proof);
    dossier.applicants.push(maria);
    let mut s = state(Route::Declaration, "en");
    s.draft.dossier = dossier;
    let s = s.checked_again();
    assert!(
        !s.report().has_errors(),
        "{:?}",
        s.report().issues().collect::<Vec<_>>()
    );
    let html = render(s.clone());
    let texts =
        dossier_engine::bundle::declaration_texts(&s.form().def, &s.catalog, &s.draft.dossier);
    assert!(texts[1].contains("about Maria"), "{}", texts[1]);
    for t in &texts {
        assert!(html.contains(t.as_str()), "{t} in {html}");
    }
    assert_no_keys(&html);
}

/// The rules run at the clock in whole seconds, the time a manifest
/// records, however many milliseconds the device's clock shows.
#[test]
fn the_state_checks_at_whole_seconds() {
    let late = now() + chrono::TimeDelta::milliseconds(999);
    let s = apply(
        state(Route::page(Some(0), "name"), "en"),
        vec![Action::Continue {
            who: Some(0),
            page: "name".into(),
            now: late,
        }],
    );
    assert_eq!(s.now, now());
}

/// With more than one service, the app starts with the catalogue: under
/// each group's heading, in the catalogue's order of groups, each
/// service's title (a link) and who it is for, in the language shown,
/// nothing of any form's own messages needed.
#[test]
fn the_list_of_services_shows_each_title_and_summary_in_the_language() {
    use dossier::loader::Services;
    use dossier::view::services::{ServicesPage, ServicesProps};
    use dossier_engine::rules::{Catalog, Catalogue, CatalogueEntry, CatalogueService};
    let set = rules();
    let service = |id: &str, group: &str| CatalogueService {
        id: id.into(),
        group: group.into(),
        title: format!("test.{id}.title"),
        summary: format!("test.{id}.summary"),
    };
    let entry = |id: &str, services: Vec<CatalogueService>| CatalogueEntry {
        id: id.into(),
        version: "1.0.0".into(),
        services,
    };
    let catalogue = Rc::new(Catalogue {
        languages: set.index.languages.clone(),
        default_language: "en".into(),
        forms: vec![
            entry(
                "permit",
                vec![
                    service("first", "residence"),
                    service("renewal", "residence"),
                ],
            ),
            entry("stay", vec![service("stay", "registration")]),
        ],
    });
    // Registration comes before residence permits, whatever the forms' order.
    let groups = dossier::view::services::grouped(&catalogue);
    let order: Vec<(&str, usize)> = groups.iter().map(|(g, s)| (g.as_str(), s.len())).collect();
    assert_eq!(order, [("registration", 1), ("residence", 2)]);
    for (lang, expect) in [
        (
            "zh-CN",
            [
                "第一标题",
                "第二简介",
                "选择办理事项",
                "住宿登记",
                "续签标题",
            ],
        ),
        (
            "en",
            [
                "First title",
                "Second summary",
                "Choose a service",
                "Residence permits",
                "Renewal title",
            ],
        ),
    ] {
        // Only the shared files, as the browser fetches them for this page.
        let mut catalog = Catalog::new(lang);
        for file in &set
            .index
            .languages
            .iter()
            .find(|l| l.code == lang)
            .unwrap()
            .files
        {
            let text = std::fs::read_to_string(
                Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")).join(file),
            )
            .unwrap();
            catalog.add_file(file, &text).unwrap();
        }
        // The services' texts, which `dossier-rules pack` copies into the
        // shared file from the forms' own.
        let (en, zh) = (lang == "en", lang == "zh-CN");
        let lines: Vec<(String, String)> = [
            ("first", "First", "第一"),
            ("renewal", "Renewal", "续签"),
            ("stay", "Second", "第二"),
        ]
        .iter()
        .flat_map(|(id, e, z)| {
            let name = if en {
                *e
            } else if zh {
                *z
            } else {
                ""
            };
            let (title, summary) = if en {
                ("title", "summary")
            } else {
                ("标题", "简介")
            };
            let sep = if en { " " } else { "" };
            [
                (format!("test.{id}.title"), format!("{name}{sep}{title}")),
                (
                    format!("test.{id}.summary"),
                    format!("{name}{sep}{summary}"),
                ),
            ]
        })
        .collect();
        let json = serde_json::to_string(
            &lines
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .unwrap();
        catalog.add_file("services.json", &json).unwrap();
        let props = ServicesProps {
            services: Services {
                catalogue: catalogue.clone(),
                catalog: Rc::new(catalog),
            },
            on_choose: Default::default(),
            on_language: Default::default(),
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let local = tokio::task::LocalSet::new();
        let html = local.block_on(
            &rt,
            LocalServerRenderer::<ServicesPage>::with_props(props).render(),
        );
        for text in expect {
            assert!(html.contains(text), "{text} in {html}");
        }
        assert!(html.contains(r#"id="page-heading""#));
        assert_eq!(html.matches("services__item").count(), 3, "{html}");
        assert_eq!(html.matches("services__group").count(), 2, "{html}");
        assert_no_keys(&html);
    }
}

/// The page before the registration starts says who may apply, the time
/// limit (the summary of the late-registration rules, once), the fee and
/// the documents, all from the form, in both languages.
#[test]
fn the_guidance_page_is_worked_out_from_the_form_in_both_languages() {
    let en = render(state(Route::Start, "en"));
    for part in [
        "Who can apply",
        "If you stay in a hotel, the hotel registers you",
        "Time limits",
        "Register within 24 hours of moving in",
        "Fee",
        "The law sets no fee for registering",
        "Documents you may need",
        "you will get a list of exactly what you need to bring",
    ] {
        assert!(en.contains(part), "{part} in {en}");
    }
    assert_eq!(
        en.matches("Register within 24 hours of moving in").count(),
        1
    );
    let zh = render(state(Route::Start, "zh-CN"));
    for part in [
        "申请条件",
        "办理时限",
        "24小时内办理住宿登记",
        "收费标准",
        "可能需要的材料",
    ] {
        assert!(zh.contains(part), "{part} in {zh}");
    }
    assert_no_keys(&en);
    assert_no_keys(&zh);
}

/// What to bring: each person's documents as the rules ask them, every
/// upload still missing linked to its page, and the print button.
#[test]
fn what_to_bring_lists_each_persons_documents_and_missing_uploads() {
    for lang in ["en", "zh-CN"] {
        let mut s = household(lang);
        s = apply(s, vec![Action::Go(Route::Bring)]);
        let html = render(s.clone());
        let catalog = rules().catalog(lang).unwrap();
        assert_eq!(heading(&html), catalog.text("bring.title", &[]));
        assert!(html.contains(&catalog.text("bring.print", &[])), "{html}");
        assert!(html.contains(&catalog.text("bring.uploads", &[])), "{html}");
        // Each upload still missing links to the page that asks for it.
        assert!(html.contains("href=\"#/page/upload-photo\""), "{html}");
        assert!(html.contains("href=\"#/a/1/page/upload-photo\""), "{html}");
        assert!(html.contains("checklist__item"), "{html}");
        assert_no_keys(&html);
    }
    // A complete filing has nothing left to upload.
    let html = render(apply(complete_filing("en"), vec![Action::Go(Route::Bring)]));
    assert!(!html.contains("Still to upload"), "{html}");
    assert!(html.contains("checklist__item"), "{html}");
}

/// A new filing of the residence permit's first application, in `lang`.
fn first_permit(lang: &str) -> AppState {
    filing("residence-permit", "first", Route::Start, lang)
}

/// A family member joining the first applicant of a residence-permit
/// filing is asked whom they join with the principal applicant named, in
/// both languages; before the principal has a name, "the first person in
/// this application". The check page names them the same way.
#[test]
fn a_family_member_sees_the_principal_applicant_named() {
    for (lang, unnamed) in [
        ("en", "The first person in this application"),
        ("zh-CN", "本申请的第一位申请人"),
    ] {
        let joining = Route::Page {
            who: Some(1),
            id: "joining".into(),
            from_check: false,
        };
        let base = first_permit(lang);
        let member = |principal: Option<&str>| {
            let mut actions = vec![Action::ChooseRole(Some(FillerRole::myself()))];
            if let Some(name) = principal {
                actions.push(Action::Answer {
                    who: Some(0),
                    field: "given_names".into(),
                    answer: text(name),
                });
            }
            actions.extend([
                Action::AddPerson,
                Action::Answer {
                    who: Some(1),
                    field: "given_names".into(),
                    answer: text("LI"),
                },
                Action::Answer {
                    who: Some(1),
                    field: "category".into(),
                    answer: text("private_affairs"),
                },
                Action::Go(joining.clone()),
            ]);
            apply(base.clone(), actions)
        };
        let named = render(member(Some("WEI")));
        assert!(named.contains(">Wei</label>"), "{lang}: {named}");
        assert!(!named.contains("{principal}"), "{lang}");
        let before = render(member(None));
        assert!(
            before.contains(&format!(">{unnamed}</label>")),
            "{lang}: {before}"
        );
        // The check page reads the answer the same way.
        let mut checked = member(Some("WEI"));
        checked = apply(
            checked,
            vec![
                Action::Answer {
                    who: Some(1),
                    field: "joining".into(),
                    answer: text("principal"),
                },
                Action::Go(Route::Check(Some(1))),
            ],
        );
        let check = render(checked);
        assert!(!check.contains("{principal}"), "{lang}: {check}");
        assert!(check.contains("Wei"), "{lang}");
    }
}

/// People of another filing on this device are offered by name on the task
/// list and the people page; one tap adds them, the first into the empty
/// first place, with the answers carried, and the offer goes.
#[test]
fn people_of_another_filing_are_offered_and_added_in_one_tap() {
    let set = rules();
    let service = set.form("residence-permit").unwrap().def.service("first");
    let person = |given: &str| {
        let mut a = dossier::state::new_applicant(&service);
        a.answers.insert("surname".into(), text("SMITH"));
        a.answers.insert("given_names".into(), text(given));
        a.answers
            .insert("date_of_birth".into(), date("2", "9", "1986"));
        a
    };
    for (lang, add) in [("en", "Add Emma, Oliver"), ("zh-CN", "添加Emma、Oliver")] {
        let mut s = first_permit(lang);
        s.elsewhere = Rc::new(vec![vec![person("EMMA"), person("OLIVER")]]);
        let s = apply(
            s,
            vec![
                Action::ChooseRole(Some(FillerRole::myself())),
                Action::Go(Route::Tasks(0)),
            ],
        );
        let tasks = render(s.clone());
        assert!(tasks.contains(add), "{lang}: {tasks}");
        assert_no_keys(&tasks);
        let s = apply(s, vec![Action::Bring(0)]);
        let d = &s.draft.dossier;
        assert_eq!(
            d.applicants.len(),
            2,
            "the first fills the empty first place"
        );
        assert_eq!(d.applicants[0].answers["given_names"], text("EMMA"));
        assert_eq!(
            d.applicants[1].answers["date_of_birth"],
            date("2", "9", "1986")
        );
        assert_eq!(d.applicants[1].answers["procedure"], text("first"));
        assert!(s.elsewhere.is_empty());
        assert_eq!(s.route, Route::People);
        let people = render(s);
        assert!(
            people.contains("Emma") && people.contains("Oliver"),
            "{lang}"
        );
        assert!(!people.contains(add), "the offer goes once taken");
    }
}
