//! Where the user is, kept in the URL's hash so that Back, reload and a
//! shared link all land on the same page. Hash routing needs nothing from
//! the host page's server, which suits a portal embedding the app.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Start,
    Tasks,
    /// A question page by id; `from_check` when reached by a Change link,
    /// so Continue returns to the check page.
    Page {
        id: String,
        from_check: bool,
    },
    Check,
    Declaration,
    Done,
    Delete,
    Deleted,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        match path.split('/').collect::<Vec<_>>().as_slice() {
            ["tasks"] => Route::Tasks,
            ["page", id] if !id.is_empty() => Route::Page {
                id: id.to_string(),
                from_check: query == "return=check",
            },
            ["check"] => Route::Check,
            ["declaration"] => Route::Declaration,
            ["done"] => Route::Done,
            ["delete"] => Route::Delete,
            ["deleted"] => Route::Deleted,
            _ => Route::Start,
        }
    }

    pub fn to_hash(&self) -> String {
        match self {
            Route::Start => "#/".into(),
            Route::Tasks => "#/tasks".into(),
            Route::Page {
                id,
                from_check: false,
            } => format!("#/page/{id}"),
            Route::Page {
                id,
                from_check: true,
            } => format!("#/page/{id}?return=check"),
            Route::Check => "#/check".into(),
            Route::Declaration => "#/declaration".into(),
            Route::Done => "#/done".into(),
            Route::Delete => "#/delete".into(),
            Route::Deleted => "#/deleted".into(),
        }
    }

    pub fn page(id: &str) -> Route {
        Route::Page {
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
            Route::Tasks,
            Route::page("name"),
            Route::Page {
                id: "name".into(),
                from_check: true,
            },
            Route::Check,
            Route::Declaration,
            Route::Done,
            Route::Delete,
            Route::Deleted,
        ] {
            assert_eq!(Route::parse(&r.to_hash()), r);
        }
        assert_eq!(Route::parse(""), Route::Start);
        assert_eq!(Route::parse("#/nonsense/1/2"), Route::Start);
    }
}
