; Title block
(document_number) @markup.heading.1
(enacting_formula) @markup.quote

; Section headings
(preambular_heading) @markup.heading
(operative_heading) @markup.heading

; Clause labels
(label) @markup.list
(list_marker) @markup.list

; Proposals and alternatives
(proposal_tag) @attribute
(proposal_tag
  source: (source) @constant)
(proposal_tag
  proposer: (proposer) @string.special)
(proposal_tag
  action: (action) @keyword)
(option_marker) @attribute
(option) @attribute

; Citations
(citation) @markup.link.label
(citation
  kind: (document_kind) @keyword)
(citation_date
  (revised) @keyword)
(citation_date
  year: (year) @number)
(conference) @constant
(action_plan) @constant
(section_ref) @markup.link
(footnote_ref) @markup.link

; Revision marks
(deletion) @diff.minus @markup.strikethrough
(insertion) @diff.plus @markup.underline
(addition) @diff.plus
(removal) @diff.minus @markup.strikethrough
(substitution
  (old) @diff.minus)
(substitution
  (new) @diff.plus)
(highlight) @markup.raw
(comment) @comment
(bracketed) @string.special

; Inline
(emphasis) @markup.italic
(strong) @markup.strong
(superscript) @markup.raw
