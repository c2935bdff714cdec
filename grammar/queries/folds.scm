(title_block) @fold
(section) @fold
(clause) @fold
(paragraph) @fold
