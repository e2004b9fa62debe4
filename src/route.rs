//! Where the user is, kept in the URL's hash so that Back, reload and a
//! shared link all land on the same page. Hash routing needs nothing from
//! the host page's server, which suits a portal embedding the app.
//!
//! The first applicant's pages keep the short forms (`#/page/name`,
//! `#/tasks`); another applicant's carry their position (`#/a/2/page/name`),
//! and the filler's own details live under `#/me/`.

/// Whose answers a page holds: an applicant's, by position, or (`None`)
/// the filler's own, as the engine's `Issue::applicant` counts them.
pub use dossier_engine::navigation::Who;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Start,
    /// Who is filling the form in.
    Filler,
    /// Everyone in the filing, with each one's status.
    People,
    /// One applicant's task list.
    Tasks(usize),
    /// A question page by id; `from_check` when reached by a Change link,
    /// so Continue returns to the check page.
    Page {
        who: Who,
        id: String,
        from_check: bool,
    },
    /// Confirming that an applicant is to be removed.
    Remove(usize),
    /// Check your answers: one applicant's, or (`None`) everyone's.
    Check(Option<usize>),
    Declaration,
    Done,
    /// What to bring: everyone's documents, and what is still to upload.
    Bring,
    Delete,
    Deleted,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let parts: Vec<&str> = path.split('/').collect();
        // `a/N/…` is applicant N's; `me/…` the filler's; the rest the first
        // applicant's or the whole filing's (`named` is false).
        let (who, named, rest) = match parts.as_slice() {
            ["a", n, rest @ ..] => match n.parse::<usize>() {
                Ok(n) => (Some(n), true, rest),
                Err(_) => return Route::Start,
            },
            ["me", rest @ ..] => (None, true, rest),
            rest => (Some(0), false, rest),
        };
        match (who, named, rest) {
            (_, _, ["page", id]) if !id.is_empty() => Route::Page {
                who,
                id: id.to_string(),
                from_check: query == "return=check",
            },
            (Some(n), _, ["tasks"]) => Route::Tasks(n),
            (Some(n), true, ["remove"]) => Route::Remove(n),
            (Some(n), true, ["check"]) => Route::Check(Some(n)),
            (_, true, _) => Route::Start,
            (_, false, ["check"]) => Route::Check(None),
            (_, false, ["who"]) => Route::Filler,
            (_, false, ["people"]) => Route::People,
            (_, false, ["declaration"]) => Route::Declaration,
            (_, false, ["done"]) => Route::Done,
            (_, false, ["bring"]) => Route::Bring,
            (_, false, ["delete"]) => Route::Delete,
            (_, false, ["deleted"]) => Route::Deleted,
            _ => Route::Start,
        }
    }

    /// Whom the page is about; pages about the whole filing speak to the
    /// person filling it in (`None`).
    pub fn who(&self) -> Who {
        match self {
            Route::Page { who, .. } => *who,
            Route::Tasks(n) | Route::Remove(n) | Route::Check(Some(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn to_hash(&self) -> String {
        let person = |who: &Who| match who {
            None => "me/".to_string(),
            Some(0) => String::new(),
            Some(n) => format!("a/{n}/"),
        };
        match self {
            Route::Start => "#/".into(),
            Route::Filler => "#/who".into(),
            Route::People => "#/people".into(),
            Route::Tasks(n) => format!("#/{}tasks", person(&Some(*n))),
            Route::Page {
                who,
                id,
                from_check,
            } => format!(
                "#/{}page/{id}{}",
                person(who),
                if *from_check { "?return=check" } else { "" }
            ),
            Route::Remove(n) => format!("#/a/{n}/remove"),
            Route::Check(None) => "#/check".into(),
            Route::Check(Some(n)) => format!("#/a/{n}/check"),
            Route::Declaration => "#/declaration".into(),
            Route::Done => "#/done".into(),
            Route::Bring => "#/bring".into(),
            Route::Delete => "#/delete".into(),
            Route::Deleted => "#/deleted".into(),
        }
    }

    pub fn page(who: Who, id: &str) -> Route {
        Route::Page {
            who,
            id: id.to_string(),
            from_check: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for r in [
            Route::Start,
            Route::Filler,
            Route::People,
            Route::Tasks(0),
            Route::Tasks(3),
            Route::page(Some(0), "name"),
            Route::page(Some(2), "name"),
            Route::page(None, "helper-details"),
            Route::Page {
                who: Some(1),
                id: "name".into(),
                from_check: true,
            },
            Route::Remove(0),
            Route::Remove(2),
            Route::Check(None),
            Route::Check(Some(0)),
            Route::Check(Some(2)),
            Route::Declaration,
            Route::Done,
            Route::Bring,
            Route::Delete,
            Route::Deleted,
        ] {
            assert_eq!(Route::parse(&r.to_hash()), r, "{}", r.to_hash());
        }
        // The first applicant's pages keep their short, older links.
        assert_eq!(Route::page(Some(0), "name").to_hash(), "#/page/name");
        assert_eq!(Route::Tasks(0).to_hash(), "#/tasks");
        assert_eq!(Route::parse(""), Route::Start);
        assert_eq!(Route::parse("#/nonsense/1/2"), Route::Start);
        assert_eq!(Route::parse("#/a/x/tasks"), Route::Start);
        assert_eq!(Route::parse("#/me/tasks"), Route::Start);
        assert_eq!(Route::parse("#/remove"), Route::Start);
        assert_eq!(Route::parse("#/a/2/people"), Route::Start);
    }
}
