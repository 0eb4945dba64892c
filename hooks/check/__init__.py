"""Check: every validation rule, each declared next to its code with `registry.checks`.

Takes SourceFiles and Standards; gives Problems (`problems.Problem`: path, line, rule id,
message, hint). The rule registry (`rules`, from hooks/data/rules.yml) holds each rule's
severity and documentation; `schema` checks the JSON Schema's `x-rule`s, `validate` the
cross-file rules, `structure` and `references` the GB/T 1.1 text lint, `placeholders` unfilled
template fields, `characters` what every output can carry (char-forbidden), `date_range`
dates between 1949-10-01 and 2100-12-31. To change a rule: `python -m hooks explain RULE` names
the function.
"""
