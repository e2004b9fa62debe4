//! A file question: the file already given (name, size, a preview for an
//! image, Remove), and the file input. On a phone, `<input type="file">`
//! without `capture` offers the camera as well as the gallery and files.
//!
//! A chosen file is checked before anything is kept: its kind from its
//! first bytes, its size, an image's pixels (`fields::check_file`); a
//! refused file leaves the draft as it was and says why. An accepted one
//! goes to IndexedDB by its SHA-256 (`vault`), and the answer records what
//! was found.
//!
//! When the rule asks for an image of an aspect and takes JPEG (a
//! passport-style photo), a chosen picture that does not meet it is first
//! prepared in the browser (`photo`: upright, cropped, scaled, re-encoded)
//! and shown; only the one the user accepts goes the same way as any file.
//! The original is never kept.

use super::question::with_error;
use super::Ctx;
use crate::state::{Action, Prepared};
use dossier_engine::answers::Answer;
use dossier_engine::fields::size_text;
use dossier_engine::files::MediaType;
use dossier_engine::rules::Field;
use yew::prelude::*;

pub fn file_input(
    ctx: &Ctx,
    field: &Field,
    id: &str,
    answer: Option<&Answer>,
    error: bool,
    describedby: &str,
) -> Html {
    let accept = field
        .file
        .as_ref()
        .map(|rule| {
            rule.types
                .iter()
                .map(|t| t.mime())
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default();
    let current = match answer {
        Some(Answer::File(f)) => {
            let remove = {
                let dispatch = ctx.dispatch.clone();
                let field = field.id.clone();
                // The bytes go too, unless another answer (anyone's) uses
                // the same file.
                let uses = ctx
                    .state
                    .draft
                    .dossier
                    .answer_sets()
                    .flat_map(|(_, a)| a.values())
                    .filter(|v| matches!(v, Answer::File(g) if g.sha256 == f.sha256))
                    .count();
                let shared = uses > 1;
                let who = ctx.who;
                let sha = (!shared).then(|| f.sha256.clone());
                Callback::from(move |_: MouseEvent| {
                    #[cfg(target_arch = "wasm32")]
                    if let Some(sha) = sha.clone() {
                        wasm_bindgen_futures::spawn_local(async move {
                            crate::vault::delete_file(&sha).await;
                        });
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    let _ = &sha;
                    dispatch.emit(Action::Answer {
                        who,
                        field: field.clone(),
                        answer: Answer::Text(String::new()),
                    })
                })
            };
            let mut facts = size_text(f.size, false);
            if let (Some(w), Some(h)) = (f.width, f.height) {
                facts = format!("{facts}, {w} × {h} px");
            }
            html! {
                <div class="file-upload__current">
                    if f.media_type != MediaType::Pdf {
                        <Preview sha={f.sha256.clone()} />
                    }
                    <p class="body">
                        { ctx.tp("file.chosen", &[("name", &f.name)]) }
                        <span class="hint">{ format!(" ({facts})") }</span>
                    </p>
                    <button type="button" class="button button--secondary" onclick={remove}>
                        { ctx.t("file.remove") }
                        <span class="visually-hidden">{ format!(" {}", f.name) }</span>
                    </button>
                </div>
            }
        }
        _ => Html::default(),
    };
    let prepared = ctx
        .state
        .prepared
        .as_ref()
        .filter(|p| p.who == ctx.who && p.field == field.id);
    let onchange = choose_callback(ctx, field);
    html! {
        <>
            { current }
            if let Some(p) = prepared {
                { prepared_photo(ctx, field, id, p) }
            }
            <input
                class={with_error("file-upload", error, "file-upload--error")}
                type="file"
                id={id.to_string()}
                name={field.id.clone()}
                accept={accept}
                aria-describedby={(!describedby.is_empty()).then(|| describedby.to_string())}
                aria-invalid={error.then_some("true")}
                onchange={onchange}
                hidden={prepared.is_some()}
            />
        </>
    }
}

/// The prepared photo, as it will be sent, with "Use this photo" and
/// "Choose a different photo" (which opens the file input `id` again).
fn prepared_photo(ctx: &Ctx, field: &Field, id: &str, p: &Prepared) -> Html {
    let (width, height) = (p.width.to_string(), p.height.to_string());
    let size = size_text(p.size, false);
    let accept = {
        let (dispatch, field, who) = (ctx.dispatch.clone(), field.clone(), ctx.who);
        Callback::from(move |_: MouseEvent| {
            #[cfg(target_arch = "wasm32")]
            if let Some(file) = crate::photo::take_prepared() {
                wasm_bindgen_futures::spawn_local(choosing::choose(
                    file,
                    who,
                    field.clone(),
                    dispatch.clone(),
                    false,
                ));
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (&dispatch, &field, who);
        })
    };
    let again = {
        let (dispatch, id) = (ctx.dispatch.clone(), id.to_string());
        Callback::from(move |_: MouseEvent| {
            #[cfg(target_arch = "wasm32")]
            crate::photo::drop_prepared();
            crate::platform::click(&id);
            dispatch.emit(Action::Prepare(None));
        })
    };
    html! {
        <div class="file-upload__prepared">
            <img class="file-upload__prepared-image" src={p.url.clone()} alt=""
                width={width.clone()} height={height.clone()} />
            <p class="body" id="prepared-photo" tabindex="-1">
                { ctx.tp("file.prepared", &[("width", &width), ("height", &height), ("size", &size)]) }
            </p>
            <div class="button-group">
                <button type="button" class="button" onclick={accept}>
                    { ctx.t("file.use_photo") }
                </button>
                <button type="button" class="button button--secondary" onclick={again}>
                    { ctx.t("file.choose_again") }
                </button>
            </div>
        </div>
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn choose_callback(_: &Ctx, _: &Field) -> Callback<Event> {
    Callback::noop()
}

#[cfg(target_arch = "wasm32")]
fn choose_callback(ctx: &Ctx, field: &Field) -> Callback<Event> {
    let dispatch = ctx.dispatch.clone();
    let field = field.clone();
    let who = ctx.who;
    Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        // Choosing the same file again after a refusal fires again.
        input.set_value("");
        wasm_bindgen_futures::spawn_local(choosing::choose(
            file,
            who,
            field.clone(),
            dispatch.clone(),
            true,
        ));
    })
}

#[cfg(target_arch = "wasm32")]
mod choosing {
    use crate::photo::{self, Outcome};
    use crate::route::Who;
    use crate::state::{Action, Prepared};
    use crate::vault::{self, StoreError};
    use dossier_engine::answers::{Answer, FileRef};
    use dossier_engine::fields::{check_file, Problem};
    use dossier_engine::files::{self, MediaType, HEAD_BYTES};
    use dossier_engine::rules::{Field, FileRule};
    use wasm_bindgen_futures::JsFuture;
    use yew::Callback;

    /// The aspect a chosen picture that does not meet `rule` is prepared to,
    /// when the rule asks for one and takes JPEG (a photo). Decided from the
    /// rule's data only.
    fn prepares(rule: &FileRule) -> Option<(u32, u32)> {
        rule.aspect
            .filter(|_| rule.types.contains(&MediaType::Jpeg))
    }

    /// Checks and keeps a chosen file; with `prepare`, a picture for a
    /// photo rule that does not meet it is prepared and shown instead.
    pub async fn choose(
        file: web_sys::File,
        who: Who,
        field: Field,
        dispatch: Callback<Action>,
        prepare: bool,
    ) {
        let refuse = |problem: Problem| {
            dispatch.emit(Action::Refuse {
                who,
                field: field.id.clone(),
                problem,
            })
        };
        // The shell's own messages about a file, without parameters.
        let says = |code, message| Problem {
            code,
            message,
            params: Vec::new(),
        };
        let unreadable = || says("unreadable", "error.file.unreadable");
        let Some(rule) = &field.file else { return };
        let size = file.size() as u64;
        // Only the first bytes are read to check it: a 50 MB photo is
        // refused without being loaded.
        let head = match file.slice_with_f64_and_f64(0.0, HEAD_BYTES as f64) {
            Ok(blob) => match JsFuture::from(blob.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => return refuse(unreadable()),
            },
            Err(_) => return refuse(unreadable()),
        };
        let facts = files::inspect(&head);
        let (width, height) = facts.map_or((None, None), |f| (f.width, f.height));
        if let Err(problem) = check_file(rule, facts.map(|f| f.media_type), size, width, height) {
            let Some(aspect) = prepares(rule).filter(|_| prepare && size > 0) else {
                return refuse(problem);
            };
            return match photo::prepare(&file, rule, aspect).await {
                Outcome::Ready(url, size, width, height) => {
                    dispatch.emit(Action::Prepare(Some(Prepared {
                        who,
                        field: field.id.clone(),
                        url,
                        size,
                        width,
                        height,
                    })))
                }
                // The engine words it: the upright size against the limits.
                Outcome::TooFewPixels(w, h) => refuse(
                    check_file(
                        rule,
                        Some(MediaType::Jpeg),
                        rule.max_bytes,
                        Some(w),
                        Some(h),
                    )
                    .err()
                    .unwrap_or(problem),
                ),
                Outcome::Unopened => refuse(says("unopened", "error.file.unopened")),
                Outcome::NoFit => refuse(says("no_fit", "error.file.no_fit")),
                Outcome::NotTried => refuse(problem),
            };
        }
        let (Some(facts), Some(sha256)) = (facts, vault::sha256_hex(&file).await) else {
            return refuse(unreadable());
        };
        match vault::put_file(&sha256, &file).await {
            Ok(()) => dispatch.emit(Action::Answer {
                who,
                field: field.id.clone(),
                answer: Answer::File(FileRef {
                    sha256,
                    name: file.name(),
                    media_type: facts.media_type,
                    size,
                    width,
                    height,
                }),
            }),
            Err(StoreError::Quota) => refuse(Problem {
                code: "quota",
                message: "error.file.quota",
                params: vec![("name", file.name())],
            }),
            Err(StoreError::Other(_)) => refuse(unreadable()),
        }
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    sha: String,
}

/// A thumbnail of a stored image, from a `blob:` URL (released when it is
/// no longer shown). Decorative: the file's name is in the text beside it.
#[component]
fn Preview(props: &PreviewProps) -> Html {
    let url = use_state(|| None::<String>);
    {
        let url = url.clone();
        use_effect_with(props.sha.clone(), move |sha| {
            #[cfg(target_arch = "wasm32")]
            {
                let sha = sha.clone();
                let url = url.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    url.set(crate::vault::preview_url(&sha).await);
                });
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (sha, &url);
            move || {
                #[cfg(target_arch = "wasm32")]
                if let Some(u) = (*url).clone() {
                    let _ = web_sys::Url::revoke_object_url(&u);
                }
            }
        });
    }
    match &*url {
        Some(src) => html! { <img class="file-upload__preview" src={src.clone()} alt="" /> },
        None => Html::default(),
    }
}
