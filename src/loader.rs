//! Starting up: fetch the rules, pick the language, read the draft. The
//! assembling is plain Rust (testable natively); only fetching is browser.

#[cfg(target_arch = "wasm32")]
use crate::draft::storage_key;
use crate::draft::{self, DraftRead};
use crate::platform;
use crate::route::Route;
use crate::state::{new_draft, Action, AppState, Env, Notice};
use chrono::{DateTime, FixedOffset};
use dossier_engine::rules::{self, Catalog, Index, RuleError};
use std::rc::Rc;
use yew::Callback;

/// Why the app cannot start: the rules are broken, or could not be fetched.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Rules(Vec<RuleError>),
    Network(String),
}

/// The language to show: the one chosen before on this device, else the
/// browser's first preference that ships (`zh-TW` is close enough to find
/// `zh-CN`), else the default.
pub fn choose_language<'a>(
    index: &'a Index,
    stored: Option<&str>,
    preferred: &[String],
) -> &'a str {
    let shipped = |code: &str| {
        index
            .languages
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(code))
    };
    if let Some(l) = stored.and_then(shipped) {
        return &l.code;
    }
    for p in preferred {
        if let Some(l) = shipped(p) {
            return &l.code;
        }
        let primary = p.split('-').next().unwrap_or(p);
        if let Some(l) = index
            .languages
            .iter()
            .find(|l| l.code.split('-').next() == Some(primary))
        {
            return &l.code;
        }
    }
    &index.default_language
}

/// The texts fetched for one form in one language.
pub struct Fetched {
    pub index: Index,
    pub language: String,
    pub form_file: String,
    pub form_text: String,
    pub countries_text: String,
    /// (file, text) for each of the language's files.
    pub language_files: Vec<(String, String)>,
}

/// Builds the starting state from fetched texts and the saved draft.
pub fn assemble(
    fetched: &Fetched,
    draft_text: Option<&str>,
    hash: &str,
    now: DateTime<FixedOffset>,
) -> Result<(AppState, Option<Notice>, bool), LoadError> {
    let mut catalog = Catalog::new(&fetched.language);
    for (file, text) in &fetched.language_files {
        catalog
            .add_file(file, text)
            .map_err(|e| LoadError::Rules(vec![e]))?;
    }
    let (form, _) = rules::assemble(
        &fetched.form_file,
        &fetched.form_text,
        &fetched.index.countries,
        &fetched.countries_text,
        &catalog,
    )
    .map_err(LoadError::Rules)?;
    let languages = fetched
        .index
        .languages
        .iter()
        .map(|l| (l.code.clone(), l.name.clone()))
        .collect();
    let (draft, notice, corrupt) = match draft::read(draft_text, &form.def.id, &form.def.version) {
        DraftRead::None => (new_draft(&form), None, false),
        DraftRead::Ready(d) => (d, None, false),
        DraftRead::Outdated(d) => (d, Some(Notice::DraftOutdated), false),
        DraftRead::Corrupt => (new_draft(&form), Some(Notice::DraftCorrupt), true),
    };
    let env = Rc::new(Env { form, languages });
    let mut state = AppState::new(env, Rc::new(catalog), draft, Route::parse(hash), now);
    state.notice = notice;
    Ok((state, notice, corrupt))
}

/// Removes everything this app stored on the device.
pub fn delete_everything() {
    for key in platform::keys_with_prefix(platform::KEY_PREFIX) {
        platform::remove(&key);
    }
}

#[cfg(target_arch = "wasm32")]
mod fetching {
    use super::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    pub async fn text(url: &str) -> Result<String, String> {
        let window = web_sys::window().ok_or("no window")?;
        let resp = JsFuture::from(window.fetch_with_str(url))
            .await
            .map_err(|_| format!("{url}: could not be fetched"))?;
        let resp: web_sys::Response = resp
            .dyn_into()
            .map_err(|_| format!("{url}: not a response"))?;
        if !resp.ok() {
            return Err(format!("{url}: HTTP {}", resp.status()));
        }
        let body = JsFuture::from(resp.text().map_err(|_| format!("{url}: unreadable"))?)
            .await
            .map_err(|_| format!("{url}: unreadable"))?;
        body.as_string().ok_or_else(|| format!("{url}: not text"))
    }

    pub async fn language(index: &Index, code: &str) -> Result<Vec<(String, String)>, LoadError> {
        let lang = index
            .languages
            .iter()
            .find(|l| l.code == code)
            .ok_or_else(|| LoadError::Network(format!("no language {code}")))?;
        let mut files = Vec::new();
        for f in &lang.files {
            files.push((
                f.clone(),
                text(&format!("rules/{f}"))
                    .await
                    .map_err(LoadError::Network)?,
            ));
        }
        Ok(files)
    }

    pub async fn load(form_id: Option<&str>) -> Result<Fetched, LoadError> {
        let index_text = text("rules/index.json").await.map_err(LoadError::Network)?;
        let index: Index = dossier_engine::rules::read::index("index.json", &index_text)
            .map_err(|e| LoadError::Rules(vec![e]))?;
        let entry = match form_id {
            Some(id) => index.forms.iter().find(|f| f.id == id),
            None => index.forms.first(),
        }
        .ok_or_else(|| {
            LoadError::Rules(vec![RuleError::at(
                "index.json",
                "forms",
                "no form to show",
            )])
        })?
        .clone();
        let stored = platform::load(platform::LANGUAGE_KEY);
        let language = choose_language(&index, stored.as_deref(), &platform::preferred_languages())
            .to_string();
        let form_text = text(&format!("rules/{}", entry.file))
            .await
            .map_err(LoadError::Network)?;
        let countries_text = text(&format!("rules/{}", index.countries))
            .await
            .map_err(LoadError::Network)?;
        let language_files = self::language(&index, &language).await?;
        Ok(Fetched {
            index,
            language,
            form_file: entry.file,
            form_text,
            countries_text,
            language_files,
        })
    }
}

/// Fetches everything and builds the starting state.
#[cfg(target_arch = "wasm32")]
pub async fn load() -> Result<AppState, LoadError> {
    let fetched = fetching::load(None).await?;
    // The form id is known only after the index; read its draft now.
    let form_id = fetched
        .index
        .forms
        .first()
        .map(|f| f.id.clone())
        .unwrap_or_default();
    let key = storage_key(&form_id);
    let draft_text = platform::load(&key);
    let (state, _, corrupt) = assemble(
        &fetched,
        draft_text.as_deref(),
        &platform::hash(),
        platform::now(),
    )?;
    if corrupt {
        // Set the unreadable draft aside rather than deleting it.
        if let Some(text) = draft_text {
            let aside = format!(
                "dossier.aside.{form_id}.{}",
                platform::now().timestamp_millis()
            );
            platform::save(&aside, &text);
        }
        platform::remove(&key);
    }
    LANGUAGE_INDEX.with(|i| *i.borrow_mut() = Some(fetched.index.clone()));
    Ok(state)
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LANGUAGE_INDEX: std::cell::RefCell<Option<Index>> = const { std::cell::RefCell::new(None) };
}

/// Fetches another language's messages, then switches to it; answers and
/// place are untouched.
pub fn switch_language(code: String, dispatch: Callback<Action>) {
    platform::save(platform::LANGUAGE_KEY, &code);
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        let Some(index) = LANGUAGE_INDEX.with(|i| i.borrow().clone()) else {
            return;
        };
        if let Ok(files) = fetching::language(&index, &code).await {
            let mut catalog = Catalog::new(&code);
            if files.iter().all(|(f, t)| catalog.add_file(f, t).is_ok()) {
                crate::view::set_language(&dispatch, Rc::new(catalog));
            }
        }
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = dispatch;
}
