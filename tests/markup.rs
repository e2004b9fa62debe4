//! Component markup rendered natively (Yew's server renderer): what a user
//! would see on each page, in both languages.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{FixedOffset, TimeZone};
use dossier::draft::Draft;
use dossier::route::Route;
use dossier::state::{new_draft, Action, AppState, Env};
use dossier::view::{Journey, JourneyProps};
use dossier_engine::answers::{Answer, DateParts};
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
    let set = rules();
    let form = set.form("temporary-residence").unwrap().clone();
    let languages = set.index.languages.clone();
    let draft: Draft = new_draft(&form);
    let env = Rc::new(Env {
        form,
        languages,
        sources: Vec::new(),
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

fn apply(state: AppState, actions: Vec<Action>) -> AppState {
    let mut s = Rc::new(state);
    for a in actions {
        s = s.reduce(a);
    }
    (*s).clone()
}

/// No message key may leak into what the user reads.
fn assert_no_keys(html: &str) {
    for prefix in [
        "tr.", "error.", "app.", "tasks.", "check.", "start.", "date.", "country.", "done.",
        "delete.", "draft.",
    ] {
        let needle = format!(">{prefix}");
        assert!(
            !html.contains(&needle),
            "a raw message key starting {prefix} is shown:\n{html}"
        );
    }
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

#[test]
fn every_page_renders_without_raw_keys_in_both_languages() {
    let form = &rules().form("temporary-residence").unwrap().def;
    for lang in ["en", "zh-CN"] {
        let mut routes = vec![
            Route::Start,
            Route::Tasks(0),
            Route::Check(None),
            Route::Declaration,
            Route::Delete,
            Route::Deleted,
        ];
        routes.extend(form.pages.iter().map(|p| Route::page(Some(0), &p.id)));
        for route in routes {
            // Answers that make every page apply (a stay with a host).
            let s = apply(
                state(route.clone(), lang),
                vec![Action::Answer {
                    who: Some(0),
                    field: "housing_type".into(),
                    answer: text("with_host"),
                }],
            );
            assert_no_keys(&render(s));
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

/// Every key the web shell asks for literally exists in every language.
#[test]
fn every_ui_string_exists_in_every_language() {
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
                let calls = code
                    .match_indices(".t(\"")
                    .chain(code.match_indices(".tp(\""));
                for (i, m) in calls {
                    let rest = &code[i + m.len()..];
                    if let Some(end) = rest.find('"') {
                        let key = &rest[..end];
                        if key.contains('.') && !key.contains(' ') {
                            keys.push((path.display().to_string(), key.to_string()));
                        }
                    }
                }
            }
        }
    }
    assert!(keys.len() > 40, "found {} keys", keys.len());
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
    let report = AppState::part(&s.report(), Some(0)).clone();
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
    // goes back to the task list, and Back from "address" to "housing-type".
    let s = apply(
        s,
        vec![Action::Answer {
            who: Some(0),
            field: "housing_type".into(),
            answer: text("own_property"),
        }],
    );
    let report = AppState::part(&s.report(), Some(0)).clone();
    let form = s.form();
    let at = |id: &str| s.page_index(id).unwrap();
    assert_eq!(
        dossier::state::next_route(form, &report, Some(0), at("departure")),
        Route::Tasks(0)
    );
    assert_eq!(
        dossier::state::previous_route(form, &report, Some(0), at("address")),
        Route::page(Some(0), "housing-type")
    );
    assert_eq!(
        dossier::state::next_route(form, &report, Some(0), at("housing-type")),
        Route::page(Some(0), "address")
    );
}
