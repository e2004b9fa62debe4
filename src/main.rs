fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<dossier::app::App>::new().render();
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
