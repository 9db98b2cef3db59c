//! `localStorage` (and, for what lasts one visit, `sessionStorage`),
//! forgiving: storage that is full, disabled (private mode, blocked cookies)
//! or missing reads as empty and writes as nothing; so does the server (a
//! server-rendered app renders the components on the host, where there is
//! no browser to ask).

fn storage() -> Option<web_sys::Storage> {
    if !super::page::IN_BROWSER {
        return None;
    }
    web_sys::window()?.local_storage().ok()?
}

fn session() -> Option<web_sys::Storage> {
    if !super::page::IN_BROWSER {
        return None;
    }
    web_sys::window()?.session_storage().ok()?
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// What this tab keeps until it closes (a reload keeps it).
pub fn load_session(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

/// Keeps `value` for this tab's session; an empty value removes the key.
pub fn save_session(key: &str, value: Option<&str>) {
    if let Some(s) = session() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}
