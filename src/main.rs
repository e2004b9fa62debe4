fn main() {
    // Into #app (index.html), beside the page built for a first visit,
    // which the app removes once its own first page is ready.
    #[cfg(target_arch = "wasm32")]
    match dossier::platform::app_root() {
        Some(root) => yew::Renderer::<dossier::app::App>::with_root(root).render(),
        None => yew::Renderer::<dossier::app::App>::new().render(),
    };
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
