//! Starting up: fetch the packed rules and messages (`rules/packed/`, made
//! at build time by `dossier-rules pack`), pick the language, read the draft. The
//! assembling is plain Rust (testable natively); only fetching is browser.

use crate::draft::{self, DraftRead};
#[cfg(target_arch = "wasm32")]
use crate::draft::{draft_key, DRAFT_PREFIX};
use crate::platform;
use crate::route::Route;
use crate::state::{new_draft, Action, AppState, Env, Notice};
use chrono::{DateTime, FixedOffset};
use dossier_engine::rules::load::IndexLanguage;
use dossier_engine::rules::pack::Packed;
use dossier_engine::rules::{Catalog, Catalogue, RuleError};
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
    languages: &'a [IndexLanguage],
    default: &'a str,
    stored: Option<&str>,
    preferred: &[String],
) -> &'a str {
    let shipped = |code: &str| languages.iter().find(|l| l.code.eq_ignore_ascii_case(code));
    if let Some(l) = stored.and_then(shipped) {
        return &l.code;
    }
    for p in preferred {
        if let Some(l) = shipped(p) {
            return &l.code;
        }
        let primary = p.split('-').next().unwrap_or(p);
        if let Some(l) = languages
            .iter()
            .find(|l| l.code.split('-').next() == Some(primary))
        {
            return &l.code;
        }
    }
    default
}

/// What was fetched for one form in one language.
pub struct Fetched {
    /// The catalogue the form was chosen from.
    pub catalogue: Rc<Catalogue>,
    /// The form and its sources' digests.
    pub packed: Packed,
    /// The service of the form chosen, by id (the first when unknown).
    pub service: String,
    pub language: String,
    /// (file, text) for each of the language's message files.
    pub language_files: Vec<(String, String)>,
}

/// Builds the starting state from fetched texts and the saved draft. A
/// draft that cannot be used shows as `state.notice`.
pub fn assemble(
    fetched: Fetched,
    draft_text: Option<&str>,
    hash: &str,
    now: DateTime<FixedOffset>,
) -> Result<AppState, LoadError> {
    let mut catalog = Catalog::new(&fetched.language);
    for (file, text) in &fetched.language_files {
        catalog
            .add_file(file, text)
            .map_err(|e| LoadError::Rules(vec![e]))?;
    }
    let form = fetched.packed.form;
    // The country names come packed as one list in the form's order.
    catalog
        .name_list("country", &form.countries.codes)
        .map_err(|e| {
            let file = fetched
                .language_files
                .first()
                .map_or("", |(f, _)| f.as_str());
            LoadError::Rules(vec![RuleError::at(file, "", e)])
        })?;
    let service = form.def.service(&fetched.service);
    let (draft, notice) = match draft::read(draft_text, &form.def.id, &form.def.version) {
        DraftRead::None => (new_draft(&form, &service), None),
        DraftRead::Ready(d) => (d, None),
        DraftRead::Outdated(d) => (d, Some(Notice::DraftOutdated)),
        DraftRead::Corrupt => (new_draft(&form, &service), Some(Notice::DraftCorrupt)),
    };
    let env = Rc::new(Env {
        form,
        catalogue: fetched.catalogue,
        sources: fetched.packed.sources,
        service,
    });
    let mut state = AppState::new(env, Rc::new(catalog), draft, Route::parse(hash), now);
    state.notice = notice;
    Ok(state)
}

/// Removes everything this app stored on the device: the drafts, and the
/// attached files and the signing key (IndexedDB, removed in the background).
pub fn delete_everything() {
    for key in platform::keys_with_prefix(platform::KEY_PREFIX) {
        platform::remove(&key);
    }
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(crate::vault::delete_all());
}

#[cfg(target_arch = "wasm32")]
mod fetching {
    use super::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// A request already on its way: the browser starts a fetch when it is
    /// made, so starting every file a page needs before awaiting any of
    /// them fetches them side by side, not one after another.
    pub struct Pending {
        url: String,
        fetch: Result<JsFuture, String>,
    }

    pub fn start(file: &str) -> Pending {
        let url = format!("rules/{file}");
        let fetch = web_sys::window()
            .map(|w| JsFuture::from(w.fetch_with_str(&url)))
            .ok_or_else(|| "no window".to_string());
        Pending { url, fetch }
    }

    async fn response(p: Pending) -> Result<(String, web_sys::Response), String> {
        let url = p.url;
        let resp = p
            .fetch?
            .await
            .map_err(|_| format!("{url}: could not be fetched"))?;
        let resp: web_sys::Response = resp
            .dyn_into()
            .map_err(|_| format!("{url}: not a response"))?;
        if !resp.ok() {
            return Err(format!("{url}: HTTP {}", resp.status()));
        }
        Ok((url, resp))
    }

    pub async fn text(p: Pending) -> Result<String, String> {
        let (url, resp) = response(p).await?;
        let body = JsFuture::from(resp.text().map_err(|_| format!("{url}: unreadable"))?)
            .await
            .map_err(|_| format!("{url}: unreadable"))?;
        body.as_string().ok_or_else(|| format!("{url}: not text"))
    }

    async fn bytes(p: Pending) -> Result<Vec<u8>, String> {
        let (url, resp) = response(p).await?;
        let promise = resp
            .array_buffer()
            .map_err(|_| format!("{url}: unreadable"))?;
        let buffer = JsFuture::from(promise)
            .await
            .map_err(|_| format!("{url}: unreadable"))?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    /// The catalogue of services, written by `dossier-rules pack`.
    pub async fn catalogue() -> Result<Catalogue, LoadError> {
        let file = "packed/catalogue.bin";
        let bytes = bytes(start(file)).await.map_err(LoadError::Network)?;
        dossier_engine::rules::pack::unpack_catalogue(&bytes)
            .map_err(|e| LoadError::Rules(vec![RuleError::at(file, "", e)]))
    }

    /// Starts fetching a language's messages: the shared ones
    /// (`rules/packed/<code>.json`) and, for a form, its own
    /// (`rules/packed/<form>.<code>.json`), for the catalogue the
    /// services' lines (`catalogue.<code>.json`).
    fn start_language(form: Option<&str>, code: &str) -> Vec<(String, Pending)> {
        let own = match form {
            Some(id) => format!("packed/{id}.{code}.json"),
            None => format!("packed/catalogue.{code}.json"),
        };
        [format!("packed/{code}.json"), own]
            .into_iter()
            .map(|file| {
                let pending = start(&file);
                (file, pending)
            })
            .collect()
    }

    async fn texts(pending: Vec<(String, Pending)>) -> Result<Vec<(String, String)>, LoadError> {
        let mut out = Vec::new();
        for (file, p) in pending {
            out.push((file, text(p).await.map_err(LoadError::Network)?));
        }
        Ok(out)
    }

    /// A language's messages (see `start_language`), fetched side by side.
    pub async fn language(
        form: Option<&str>,
        code: &str,
    ) -> Result<Vec<(String, String)>, LoadError> {
        texts(start_language(form, code)).await
    }

    /// One form of `catalogue`, in `language`.
    pub async fn form(
        catalogue: Rc<Catalogue>,
        id: &str,
        service: &str,
        language: &str,
    ) -> Result<Fetched, LoadError> {
        // The rules and both message files, side by side.
        let file = format!("packed/{id}.bin");
        let rules = start(&file);
        let messages = start_language(Some(id), language);
        let bytes = bytes(rules).await.map_err(LoadError::Network)?;
        let packed = dossier_engine::rules::pack::unpack(&bytes)
            .map_err(|e| LoadError::Rules(vec![RuleError::at(&file, "", e)]))?;
        let language_files = texts(messages).await?;
        Ok(Fetched {
            catalogue,
            packed,
            service: service.to_string(),
            language: language.to_string(),
            language_files,
        })
    }
}

/// The hash of the page listing the services.
pub const SERVICES_HASH: &str = "#/services";
/// The start of a link to one service: `#/service/<form>/<service>`.
pub const SERVICE_LINK: &str = "#/service/";
/// The service chosen last on this device, as `<form>/<service>` (kept
/// only once the user has chosen one from the list: "delete my data"
/// leaves nothing behind).
pub const FORM_KEY: &str = "dossier.form";

/// A service of the catalogue: its form's id and its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub form: String,
    pub service: String,
}

impl Choice {
    /// As kept under [`FORM_KEY`].
    pub fn to_text(&self) -> String {
        format!("{}/{}", self.form, self.service)
    }

    /// A choice kept before, if `catalogue` still offers it (a form's id
    /// alone, as kept before forms had services, is its first service).
    pub fn read(text: &str, catalogue: &Catalogue) -> Option<Choice> {
        let (form, service) = text.split_once('/').unwrap_or((text, ""));
        let entry = catalogue.forms.iter().find(|f| f.id == form)?;
        let service = match service {
            "" => entry.services.first()?,
            id => entry.services.iter().find(|s| s.id == id)?,
        };
        Some(Choice {
            form: form.to_string(),
            service: service.id.clone(),
        })
    }

    /// The catalogue's only service, when it has one.
    pub fn only(catalogue: &Catalogue) -> Option<Choice> {
        match &catalogue.forms[..] {
            [form] if form.services.len() <= 1 => Some(Choice {
                form: form.id.clone(),
                service: form
                    .services
                    .first()
                    .map(|s| s.id.clone())
                    .unwrap_or_default(),
            }),
            _ => None,
        }
    }
}

/// What the app shows first: the services to choose from, or a form.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    Services(Services),
    Journey(Box<AppState>),
}

/// The page listing the services: the catalogue, and the shared messages
/// in the language shown.
#[derive(Debug, Clone)]
pub struct Services {
    pub catalogue: Rc<Catalogue>,
    pub catalog: Rc<Catalog>,
}

/// The same page when it shows the same fetched files: neither changes
/// once fetched (and comparing them whole costs the download).
impl PartialEq for Services {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.catalogue, &other.catalogue) && Rc::ptr_eq(&self.catalog, &other.catalog)
    }
}

/// The language to show from a catalogue: chosen before, or the browser's.
#[cfg(target_arch = "wasm32")]
fn language_of(catalogue: &Catalogue) -> String {
    let stored = platform::load(platform::LANGUAGE_KEY);
    choose_language(
        &catalogue.languages,
        &catalogue.default_language,
        stored.as_deref(),
        &platform::preferred_languages(),
    )
    .to_string()
}

/// Fetches the catalogue, then the form to show: the only one, or the one
/// chosen last on this device; else the list of services.
#[cfg(target_arch = "wasm32")]
pub async fn load() -> Result<Start, LoadError> {
    let catalogue = Rc::new(fetching::catalogue().await?);
    // A link to a service (`#/service/<form>/<service>`, from a portal or
    // the catalogue) opens it at its start and remembers the choice.
    let linked = platform::hash()
        .strip_prefix(SERVICE_LINK)
        .and_then(|text| Choice::read(text, &catalogue));
    if let Some(choice) = &linked {
        platform::save(FORM_KEY, &choice.to_text());
        platform::set_hash("#/");
    }
    let chosen = match (linked, Choice::only(&catalogue)) {
        (Some(linked), _) => Some(linked),
        (None, Some(only)) => Some(only),
        (None, None) if platform::hash() == SERVICES_HASH => None,
        (None, None) => platform::load(FORM_KEY).and_then(|text| Choice::read(&text, &catalogue)),
    };
    match chosen {
        Some(choice) => open_form(catalogue, &choice).await,
        None => services(catalogue).await,
    }
}

/// The list of services, in the language chosen.
#[cfg(target_arch = "wasm32")]
pub async fn services(catalogue: Rc<Catalogue>) -> Result<Start, LoadError> {
    let language = language_of(&catalogue);
    let mut catalog = Catalog::new(&language);
    for (file, text) in fetching::language(None, &language).await? {
        catalog
            .add_file(&file, &text)
            .map_err(|e| LoadError::Rules(vec![e]))?;
    }
    Ok(Start::Services(Services {
        catalogue,
        catalog: Rc::new(catalog),
    }))
}

/// Fetches the form of `choice` and builds its starting state from the
/// service's saved draft.
#[cfg(target_arch = "wasm32")]
pub async fn open_form(catalogue: Rc<Catalogue>, choice: &Choice) -> Result<Start, LoadError> {
    let id = &choice.form;
    let language = language_of(&catalogue);
    let fetched = fetching::form(catalogue, id, &choice.service, &language).await?;
    let key = draft_key(&fetched.packed.form.def, &choice.service);
    let draft_text = platform::load(&key);
    let hash = platform::hash();
    let hash = if hash == SERVICES_HASH { "#/" } else { &hash };
    let mut state = assemble(fetched, draft_text.as_deref(), hash, platform::now())?;
    // The people of this device's other filings, offered to add.
    let elsewhere: Vec<_> = platform::keys_with_prefix(DRAFT_PREFIX)
        .into_iter()
        .filter(|k| *k != key)
        .filter_map(|k| platform::load(&k))
        .map(|text| draft::people_for(&text, &state.env.form, &state.env.service))
        .filter(|people| !people.is_empty())
        .collect();
    state.elsewhere = Rc::new(elsewhere);
    if state.notice == Some(Notice::DraftCorrupt) {
        // Set the unreadable draft aside rather than deleting it.
        if let Some(text) = draft_text {
            let aside = format!(
                "dossier.aside.{}.{}",
                id,
                platform::now().timestamp_millis()
            );
            platform::save(&aside, &text);
        }
        platform::remove(&key);
    }
    Ok(Start::Journey(Box::new(state)))
}

/// Fetches another language's messages, then switches to it and keeps the
/// choice on the device; answers and place are untouched. When they cannot
/// be fetched or read, the page stays in its language and says so
/// ([`Notice::LanguageUnavailable`]).
pub fn switch_language(env: Rc<Env>, lang: IndexLanguage, dispatch: Callback<Action>) {
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        let mut catalog = Catalog::new(&lang.code);
        let read = match fetching::language(Some(&env.form.def.id), &lang.code).await {
            Ok(files) => {
                files.iter().all(|(f, t)| catalog.add_file(f, t).is_ok())
                    && catalog
                        .name_list("country", &env.form.countries.codes)
                        .is_ok()
            }
            Err(_) => false,
        };
        dispatch.emit(if read {
            platform::save(platform::LANGUAGE_KEY, &lang.code);
            Action::SetLanguage(Rc::new(catalog))
        } else {
            Action::SetNotice(Some(Notice::LanguageUnavailable))
        });
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (env, lang, dispatch);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> dossier_engine::rules::Index {
        let text = include_str!("../rules/index.json");
        dossier_engine::rules::read::index("index.json", text).expect("the shipped index reads")
    }

    fn choose<'a>(
        index: &'a dossier_engine::rules::Index,
        stored: Option<&str>,
        preferred: &[String],
    ) -> &'a str {
        choose_language(&index.languages, &index.default_language, stored, preferred)
    }

    fn langs(list: &[&str]) -> Vec<String> {
        list.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn the_language_chosen_before_wins() {
        assert_eq!(choose(&index(), Some("zh-CN"), &langs(&["en-GB"])), "zh-CN");
    }

    #[test]
    fn the_browser_preference_decides_next_by_primary_language() {
        assert_eq!(
            choose(&index(), None, &langs(&["fr-FR", "zh-TW", "en"])),
            "zh-CN"
        );
        assert_eq!(choose(&index(), None, &langs(&["en-US"])), "en");
        assert_eq!(choose(&index(), Some("klingon"), &langs(&["zh"])), "zh-CN");
    }

    #[test]
    fn otherwise_the_default() {
        assert_eq!(choose(&index(), None, &langs(&["fr-FR", "de"])), "en");
        assert_eq!(choose(&index(), None, &[]), "en");
    }
}
