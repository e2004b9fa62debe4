fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<dossier::app::App>::new().render();
}
