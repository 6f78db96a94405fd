//! What each diagnostic code means, in one sentence: the catalogue that
//! machine formats list as rules (SARIF's `tool.driver.rules`). It mirrors
//! the table of the language reference, section 10; a unit test keeps the
//! two in step.

use crate::diagnostic::Severity;

/// One stable code and what it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    pub code: &'static str,
    pub severity: Severity,
    /// When the code is reported, as one sentence without a trailing period.
    pub summary: &'static str,
}

const fn error(code: &'static str, summary: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        severity: Severity::Error,
        summary,
    }
}

const fn warning(code: &'static str, summary: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        severity: Severity::Warning,
        summary,
    }
}

/// Every code, in the order of the language reference.
pub const CODES: &[CodeInfo] = &[
    error("stargate::io::read", "the policy file cannot be read"),
    error(
        "stargate::io::too_large",
        "the policy file is larger than 64 MiB",
    ),
    error(
        "stargate::io::invalid_utf8",
        "the policy file is not valid UTF-8",
    ),
    error(
        "stargate::parse::nul_byte",
        "the policy text contains a NUL byte",
    ),
    error(
        "stargate::parse::unterminated_string",
        "a string is not closed before the end of its line",
    ),
    error(
        "stargate::parse::too_deep",
        "brackets, or `not`s and `except`s, are nested more than 128 levels deep",
    ),
    error(
        "stargate::parse::syntax",
        "the text does not fit the grammar",
    ),
    error(
        "stargate::parse::reserved_name",
        "a reserved keyword is used as a name",
    ),
    error(
        "stargate::parse::unknown_property",
        "the text after `assert NAME:` is not one of the property forms",
    ),
    error(
        "stargate::parse::bad_escape",
        "a backslash in a string is followed by something other than `\"` or `\\`",
    ),
    error(
        "stargate::parse::bad_address",
        "an IPv4 literal does not have four numbers from 0 to 255",
    ),
    error("stargate::parse::bad_prefix", "a prefix length is over 32"),
    error(
        "stargate::parse::cidr_host_bits",
        "a network has host bits set",
    ),
    error(
        "stargate::parse::ipv4_mapped",
        "an IPv4-mapped IPv6 address (::ffff:0:0/96) is used; write the IPv4 address",
    ),
    error(
        "stargate::parse::port_out_of_range",
        "a port is 0 or above 65535",
    ),
    error(
        "stargate::parse::reversed_port_range",
        "a port range's first port is larger than its last",
    ),
    error(
        "stargate::parse::bad_protocol",
        "a port's protocol is not `tcp` or `udp`",
    ),
    error(
        "stargate::parse::forward_port_range",
        "a `forward` targets a port range instead of one port",
    ),
    error(
        "stargate::parse::bad_status",
        "a `deny` status is outside 100-599",
    ),
    error(
        "stargate::parse::internal",
        "the parser met something it did not expect (a bug in stargate-verify)",
    ),
    error(
        "stargate::model::duplicate_name",
        "a name is declared twice",
    ),
    error(
        "stargate::model::undefined_name",
        "a name is used but never declared",
    ),
    error(
        "stargate::model::wrong_kind",
        "a name refers to the wrong kind of thing",
    ),
    error(
        "stargate::model::duplicate_policy",
        "there is more than one `policy` statement",
    ),
    error(
        "stargate::model::policy_not_first",
        "`policy` is not the first statement",
    ),
    error(
        "stargate::model::missing_addresses",
        "a node has no `addresses` line",
    ),
    error(
        "stargate::model::duplicate_addresses",
        "a node has more than one `addresses` line",
    ),
    error(
        "stargate::model::group_in_address_set",
        "a group is used where addresses are expected",
    ),
    error(
        "stargate::model::cyclic_addresses",
        "an address set is defined in terms of itself",
    ),
    error(
        "stargate::model::too_deep",
        "address sets nest more than 256 levels deep, counting the sets they name",
    ),
    error(
        "stargate::include::missing",
        "an included file cannot be read",
    ),
    error(
        "stargate::include::cycle",
        "a file includes itself, directly or through other files",
    ),
    error(
        "stargate::include::policy",
        "an included file has a `policy` statement",
    ),
    error(
        "stargate::include::too_many_files",
        "a policy has more than 1,000 files",
    ),
    error(
        "stargate::model::duplicate_opaque",
        "an opaque check is defined twice",
    ),
    error(
        "stargate::model::cyclic_opaque",
        "an opaque check is defined in terms of itself",
    ),
    warning(
        "stargate::model::unused_opaque",
        "an opaque check is defined but no condition uses it",
    ),
    error("stargate::model::rules_in_zone", "a zone has an `on` block"),
    error(
        "stargate::model::too_many_nodes",
        "the policy declares more nodes than the limit (200,000)",
    ),
    error(
        "stargate::model::too_many_rules",
        "the policy's nodes hold more rules than the limit (2,000,000)",
    ),
    error(
        "stargate::model::too_many_assertions",
        "the policy has more assertions than the limit (100,000)",
    ),
    error(
        "stargate::model::forward_in_service",
        "a service has a `forward` rule",
    ),
    error(
        "stargate::model::acl_covers_nothing",
        "an `acl` covers an empty set of addresses",
    ),
    error(
        "stargate::model::acl_number_range",
        "an ACL rule number is outside 1-32766",
    ),
    error(
        "stargate::model::acl_duplicate_number",
        "two entries of one direction of an ACL have the same number",
    ),
    warning(
        "stargate::model::unreachable_rule",
        "a rule comes after a rule of the same block that always matches",
    ),
    warning(
        "stargate::model::shadowed_block",
        "every port of an `on` block is covered by earlier blocks of the node",
    ),
    warning(
        "stargate::model::forward_port_not_listened",
        "a `forward` targets a port on which the target has no `listen` line",
    ),
    warning("stargate::model::unused_let", "a `let` is never used"),
    warning(
        "stargate::model::unused_secret",
        "a secret is mentioned nowhere",
    ),
    warning(
        "stargate::model::empty_addresses",
        "a node's addresses evaluate to the empty set",
    ),
    warning(
        "stargate::model::acl_shadowed_entry",
        "every packet an ACL entry matches is decided by earlier entries",
    ),
    error(
        "stargate::verify::refuted",
        "an assertion is refuted by a concrete request",
    ),
    error(
        "stargate::verify::no_path",
        "a `path` assertion is refuted: no request gets through",
    ),
    warning(
        "stargate::verify::unknown",
        "an assertion could not be decided",
    ),
];

/// The catalogue entry of a code.
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows `| `code` | severity | ... |` of the reference's code table.
    fn documented() -> Vec<(String, String)> {
        include_str!("../../docs/language.md")
            .lines()
            .filter_map(|l| {
                let rest = l.strip_prefix("| `stargate::")?;
                let (code, rest) = rest.split_once('`')?;
                let severity = rest.trim_start_matches(" |").split('|').next()?.trim();
                Some((format!("stargate::{code}"), severity.to_string()))
            })
            .collect()
    }

    #[test]
    fn catalogue_matches_the_language_reference() {
        let docs = documented();
        assert!(docs.len() > 30, "the code table was not found");
        let ours: Vec<(String, String)> = CODES
            .iter()
            .map(|c| (c.code.to_string(), c.severity.as_str().to_string()))
            .collect();
        assert_eq!(
            ours, docs,
            "src/report/codes.rs and docs/language.md section 10 differ"
        );
    }

    #[test]
    fn lookup_finds_codes_and_only_codes() {
        assert_eq!(
            lookup("stargate::verify::unknown").map(|c| c.severity),
            Some(Severity::Warning)
        );
        assert!(lookup("stargate::nope").is_none());
    }
}
