//! Unix accounts and groups by name and number, read from `/etc/passwd` and
//! `/etc/group` (the daemon maps a peer's uid to a login; `--group` needs a gid).

fn entries(file: &str) -> Vec<(String, u32)> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?;
            let id = f.nth(1)?.parse().ok()?;
            Some((name.to_string(), id))
        })
        .collect()
}

/// The login of a uid.
pub fn login_of(uid: u32) -> Option<String> {
    entries("/etc/passwd")
        .into_iter()
        .find(|(_, u)| *u == uid)
        .map(|(n, _)| n)
}

/// The uid of a login.
pub fn uid_of(login: &str) -> Option<u32> {
    entries("/etc/passwd")
        .into_iter()
        .find(|(n, _)| n == login)
        .map(|(_, u)| u)
}

/// The gid of a group name (or a number given as text).
pub fn gid_of_group(name: &str) -> Option<u32> {
    entries("/etc/group")
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, g)| g)
        .or_else(|| name.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_uid_zero() {
        assert_eq!(uid_of("root"), Some(0));
        assert_eq!(login_of(0).as_deref(), Some("root"));
        assert_eq!(gid_of_group("root"), Some(0));
        assert_eq!(gid_of_group("4321"), Some(4321));
        assert_eq!(uid_of("no-such-login-here"), None);
    }
}
