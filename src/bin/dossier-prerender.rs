//! Renders the catalogue and every service's start page into a built app
//! (`src/prerender.rs`). Trunk's post-build hook (scripts/post-build) runs
//! it on the staging folder:
//!
//!   dossier-prerender <dist>
//!
//! Exits non-zero, naming the file and the problem, when the packed rules
//! cannot be read or index.html has no place for the manifest.

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dist), None) = (args.next(), args.next()) else {
        eprintln!("usage: dossier-prerender <dist folder>");
        std::process::exit(2);
    };
    let now = dossier::prerender::build_time();
    match dossier::prerender::write(std::path::Path::new(&dist), now) {
        Ok(n) => eprintln!("dossier-prerender: {n} pages in {dist}/prerender"),
        Err(e) => {
            eprintln!("dossier-prerender: {e}");
            std::process::exit(1);
        }
    }
}
