-- Typst output of the embedded renderer (the PDF):
-- * Quarto's conditional content: `.content-visible when-format="typst"` or "pdf" stays, content
--   meant for HTML goes (and `.content-hidden` the other way round);
-- * figures written by us with alt text (pandoc 3.9's Typst writer drops it and Typst's PDF/UA-1
--   check then refuses the figure), at their natural size so that the figure text has the same
--   point size in every figure, in the text where it fits on the page, else floating to the top
--   or bottom of a page so that no page is left half empty before a figure (book.typ's
--   `flow-figure`);
-- * tables written by us: short columns (numbers, status words, labels) as wide as their longest
--   entry so words stay whole, text columns sharing the rest; left-aligned with the caption;
--   repeated header rows when a long table breaks across pages; a short table kept on one page;
-- * the source line ("Kilde: ...") inside its figure or table, so it is never separated from it;
-- * source notes, notices and boxes as tagged paragraphs (not loose spans) in the PDF.

local PDF_FORMATS = {typst = true, pdf = true}

local function shown_here(div)
  local fmt = div.attributes["when-format"]
  if div.classes:includes("content-visible") and fmt then
    return PDF_FORMATS[fmt] == true
  elseif div.classes:includes("content-hidden") and fmt then
    return not PDF_FORMATS[fmt]
  end
  return nil
end

local function typst_string(s)
  return '"' .. s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", " ") .. '"'
end

local function typst_of(blocks)
  return (pandoc.write(pandoc.Pandoc(blocks), "typst"):gsub("%s+$", ""))
end

-- typst_of of many block lists with one call of the writer (a table's cells: one call per cell
-- was most of the time this filter took): the lists are written between separator lines and the
-- text split there again (without the line breaks the writer puts around the separator); each
-- piece is what typst_of gives for its list alone.
local SEPARATOR = "//book-cell-separator-0c5e9b"

local function typst_of_each(lists)
  local blocks = {}
  for k, list in ipairs(lists) do
    if k > 1 then blocks[#blocks + 1] = pandoc.RawBlock("typst", SEPARATOR) end
    for _, b in ipairs(list) do blocks[#blocks + 1] = b end
  end
  local text = pandoc.write(pandoc.Pandoc(blocks), "typst")
  local out, start = {}, 1
  while true do
    local at = text:find(SEPARATOR, start, true)
    local piece = text:sub(start, at and at - 1 or #text)
    if #out > 0 then piece = piece:gsub("^\n+", "", 1) end
    out[#out + 1] = (piece:gsub("%s+$", ""))
    if not at then break end
    start = at + #SEPARATOR
  end
  if #out ~= #lists then  -- never expected; then one call per list, as before
    out = {}
    for k, list in ipairs(lists) do out[k] = typst_of(list) end
  end
  return out
end

local BOXES = {["source"] = "source-note", ["notice"] = "notice", ["key-messages"] = "key-messages",
               ["to-committee"] = "to-committee", ["period"] = "period", ["decided"] = "decided",
               ["orientation"] = "orientation-box", ["checks-line"] = "checks-line",
               ["headline"] = "headline"}

local function box(div)
  for class, fn in pairs(BOXES) do
    if div.classes:includes(class) then
      local label = div.identifier ~= "" and (" <" .. div.identifier .. ">") or ""
      return pandoc.RawBlock("typst", "#" .. fn .. "[" .. typst_of(div.content) .. "]" .. label)
    end
  end
end

-- A link of class `page-ref` (the front chapter's »Til beslutning« pointing to a chapter's box
-- »Til udvalget«) says on which page of the PDF its target is.
local function page_ref(link)
  if link.classes:includes("page-ref") and link.target:sub(1, 1) == "#" then
    local label = "<" .. link.target:sub(2) .. ">"
    local text = pandoc.write(pandoc.Pandoc({pandoc.Plain(link.content)}), "typst"):gsub("%s+$", "")
    return pandoc.RawInline("typst", "#link(" .. label .. ")[" .. text .. ", side #context counter(page).at(" ..
      label .. ").first()]")
  end
end

-- Table layout ---------------------------------------------------------------------------------
-- Widths are measured, not guessed: the advance widths of DejaVu Sans (the book's one typeface),
-- in thousandths of an em, for the characters the book's tables use; any other character
-- counts as wide as an »M«. Kerning is left out (it only narrows). A no-break space (»28,4 %«,
-- which holds a number and its unit together) is as wide as a space.
local function widths_of(groups)
  local out = {}
  for w, chars in pairs(groups) do
    for _, c in utf8.codes(chars) do out[c] = w / 1000 end
  end
  return out
end

local REGULAR = widths_of({
  [0] = "­", [275] = "'", [278] = "ijlìíîï", [295] = "IJÌÍÎÏ", [318] = "  ,.·‘’", [337] = "/:;\\|¦",
  [352] = "f", [361] = "-", [390] = "()[]", [392] = "t", [401] = "!¡²³¹", [411] = "r",
  [460] = "\"", [471] = "ªº", [500] = "*_`§¨¯°´¸–", [518] = "“”", [521] = "s", [525] = "z",
  [531] = "?¿", [550] = "cç", [557] = "L", [575] = "F", [579] = "k", [592] = "vxyýÿ", [603] = "P",
  [605] = "Þ", [611] = "TYÝ", [612] = "o«»ðòóôõöø", [613] = "aàáâãäå", [615] = "eèéêë",
  [630] = "ß", [632] = "EÈÉÊË", [634] = "hnuñùúûü", [635] = "Sbdgpqþ",
  [636] = "$0123456789{}¢£¤¥µ¶€", [656] = "K", [684] = "AVÀÁÂÃÄÅ", [685] = "XZ", [686] = "B",
  [695] = "R", [698] = "CÇ", [732] = "UÙÚÛÜ", [748] = "NÑ", [752] = "H", [770] = "D", [775] = "GÐ",
  [780] = "&", [787] = "OQÒÓÔÕÖØ", [818] = "w", [838] = "#+<=>^~¬±×÷−✔✘", [863] = "M", [873] = "○",
  [950] = "%", [969] = "¼½¾", [974] = "mÆ", [982] = "æ", [989] = "W", [1000] = "@©®—…",
})
local BOLD = widths_of({
  [0] = "­", [306] = "'", [343] = "ijlìíîï", [348] = "  ", [365] = "/\\|¦", [372] = "IJÌÍÎÏ",
  [380] = ",.·‘’", [400] = ":;", [415] = "-", [435] = "f", [438] = "²³¹", [456] = "!¡",
  [457] = "()[]", [478] = "t", [493] = "r", [500] = "_`§¨¯°´¸–", [521] = "\"", [523] = "*",
  [564] = "ªº", [580] = "?¿", [582] = "z", [593] = "cç", [595] = "s", [636] = "¤¶", [637] = "L",
  [645] = "x", [646] = "«»", [652] = "vyýÿ", [657] = "“”", [665] = "k", [675] = "aàáâãäå",
  [678] = "eèéêë", [682] = "T", [683] = "EFÈÉÊË", [687] = "oðòóôõöø", [696] = "$0123456789¢£¥€",
  [712] = "hnu{}ñùúûü", [716] = "bdgpqþ", [719] = "ß", [720] = "S", [724] = "YÝ", [725] = "Z",
  [733] = "P", [734] = "CÇ", [736] = "µ", [738] = "Þ", [762] = "B", [770] = "R", [771] = "X",
  [774] = "AVÀÁÂÃÄÅ", [775] = "K", [812] = "UÙÚÛÜ", [821] = "G", [830] = "D", [837] = "HNÑ",
  [838] = "#+<=>^~¬±Ð×÷−✔✘", [850] = "OQÒÓÔÕÖØ", [872] = "&", [873] = "○", [924] = "w",
  [995] = "M", [1000] = "@©®—…", [1002] = "%", [1035] = "¼½¾", [1042] = "m", [1048] = "æ",
  [1085] = "Æ", [1103] = "W",
})

local LINE_EM = 58      -- the A4 text width (16,4 cm = 465 pt) in em of the tables' 8 pt text
local SLACK = 1.04      -- measured widths plus a little, so a measured line really fits
local PAD = 1.1         -- a cell's inset on both sides, in em
local SHORT_COLUMN = 28  -- a column whose entries are all at most this long is never wrapped
local TEXT_SHARE = 0.4   -- ... as long as the text columns keep this share of the line
local KEEP_LINES = 18    -- a table of at most this many printed lines is kept on one page

-- width of a text in em of the table's text size; `bold` for the headers
local function em_width(text, bold)
  local table_of, w = bold and BOLD or REGULAR, 0
  for _, c in utf8.codes(text) do w = w + (table_of[c] or 0.86) end
  return w * SLACK
end

local same_header = {}  -- header text → the body rows of every table with that header

local function header_key(tbl)
  local parts = {}
  for _, r in ipairs(tbl.head.rows) do
    for _, c in ipairs(r.cells) do parts[#parts + 1] = pandoc.utils.stringify(c.contents) end
  end
  return #parts > 0 and table.concat(parts, "|") or nil
end

local function own_rows(tbl)
  local rows = {}
  for _, r in ipairs(tbl.head.rows) do rows[#rows + 1] = {r, true} end
  for _, body in ipairs(tbl.bodies) do
    for _, r in ipairs(body.body) do rows[#rows + 1] = {r, false} end
  end
  for _, r in ipairs(tbl.foot.rows) do rows[#rows + 1] = {r, false} end
  return rows
end

-- The rows column widths are measured on: the table's own, and the body rows of every other
-- table with the same header (e.g. the employment plan's goal tables), so such tables share
-- one set of column widths – one table style through the book.
local function rows_of(tbl)
  local key = header_key(tbl)
  if not (key and same_header[key]) then
    return own_rows(tbl)
  end
  local rows = {}
  for _, r in ipairs(tbl.head.rows) do rows[#rows + 1] = {r, true} end
  for _, entry in ipairs(same_header[key]) do rows[#rows + 1] = {entry, false} end
  return rows
end

local function collect_headers(doc)
  doc:walk({Table = function(tbl)
    local key = header_key(tbl)
    if key then
      same_header[key] = same_header[key] or {}
      for _, body in ipairs(tbl.bodies) do
        for _, r in ipairs(body.body) do table.insert(same_header[key], r) end
      end
    end
  end})
end

local function cell_text(cell)
  return pandoc.utils.stringify(cell.contents)
end

local function text_len(text)
  return utf8.len(text) or #text
end

local function widest_word(text, bold)
  local w = 0
  for word in text:gmatch("%S+") do w = math.max(w, em_width(word, bold)) end
  return w
end

-- Width of each column, in em. A table that fits the line keeps its natural widths (`auto`).
-- Else:
-- * a number column (right-aligned) is as wide as its longest entry: numbers never wrap;
-- * a label column (status words, short labels: every entry at most SHORT_COLUMN characters)
--   is as wide as most of its entries (LABEL_SHARE of them, at most LABEL_MAX wide), its longer
--   entries wrapping between words, never inside one (»✘ Ikke nået« stays whole);
-- * text columns share the rest (fr), each at least as wide as its longest word and wanting
--   room for its typical entry; only they are hyphenated, and only when the line is too short.
-- A header wraps between words and is never hyphenated: its column is at least as wide as its
-- longest word. Number and label columns take room for their header on at most three lines;
-- when the text columns then lack room for their longest words (a long name of an area beside
-- many numbers), those headers wrap over more lines first, so a text column is hyphenated
-- only where even that is not enough. Room left when every column is fixed goes to the label
-- columns, so a label wraps only where the line is full, then (as room left when the text
-- columns have what they want) to the headers of the fixed columns, so they wrap over fewer
-- lines. Label columns are fixed narrowest first while the text columns keep TEXT_SHARE of
-- the line.
local LABEL_SHARE = 0.8
local LABEL_MAX = 10.5  -- em: ... and at most this wide (»… Endnu ikke nået«)

local LEAST_SHARE = 0.67  -- ... and, when text columns lack room, at least as wide as this share

local function share_width(ws, share)
  if #ws == 0 then return 0 end
  table.sort(ws)
  return ws[math.max(math.ceil((share or LABEL_SHARE) * #ws), 1)]
end

-- Label columns that hold the same labels (a goal's status and its status by the rule) get one
-- width, the wider of theirs: one style for the same words.
local function same_labels(order, label, values)
  for a = 1, #order do
    for b = a + 1, #order do
      local i, j, common = order[a], order[b], 0
      for v in pairs(values[i]) do common = common + (values[j][v] and 1 or 0) end
      if common >= 2 then
        label[i] = math.max(label[i], label[j])
        label[j] = label[i]
      end
    end
  end
end

local function column_widths(tbl)
  local n = #tbl.colspecs
  local body, word, head, head_word, sum, count, chars, ws, values = {}, {}, {}, {}, {}, {}, {}, {}, {}
  local head_words = {}  -- the widths of a header's words, in order
  for i = 1, n do
    body[i], word[i], head[i], head_word[i], sum[i], count[i], chars[i], ws[i], values[i], head_words[i] =
      0, 0, 0, 0, 0, 0, 0, {}, {}, {}
  end
  for _, entry in ipairs(rows_of(tbl)) do
    for i, cell in ipairs(entry[1].cells) do
      local text = cell_text(cell)
      if i <= n and cell.col_span == 1 then
        local w = em_width(text, entry[2])
        if entry[2] then
          head[i], head_word[i] = math.max(head[i], w), math.max(head_word[i], widest_word(text, true))
          for hw in text:gmatch("%S+") do table.insert(head_words[i], em_width(hw, true)) end
        else
          body[i], word[i] = math.max(body[i], w), math.max(word[i], widest_word(text))
          sum[i], count[i] = sum[i] + w, count[i] + 1
          chars[i] = math.max(chars[i], text_len(text))
          ws[i][#ws[i] + 1] = w
          if text_len(text) > 1 then values[i][text] = true end  -- »–« and empty cells need no room
        end
      end
    end
  end
  local natural = 0
  for i = 1, n do natural = natural + math.max(body[i], head[i]) + PAD end
  local spec, widths, fixed = {}, {}, {}
  if natural <= LINE_EM then
    for i = 1, n do spec[i] = "auto" end
    return spec, widths, true, fixed
  end
  -- a header's lines at a column width (its words wrapped as Typst does, never hyphenated)
  local space = em_width(" ", true)
  local function header_lines(i, w)
    local room, lines, line = w - PAD + 1e-6, 1, 0
    for _, ww in ipairs(head_words[i]) do
      if line == 0 then line = ww
      elseif line + space + ww <= room then line = line + space + ww
      else lines, line = lines + 1, ww end
    end
    return lines
  end
  -- the least width at which the header takes at most `k` lines
  local function width_for(i, k, upto)
    if header_lines(i, upto) > k then return nil end
    local lo, hi = head_word[i] + PAD, upto
    for _ = 1, 30 do
      local mid = (lo + hi) / 2
      if header_lines(i, mid) <= k then hi = mid else lo = mid end
    end
    return hi
  end
  -- Widen the fixed columns `w` within `cap` by at most `budget`, one header line at a time,
  -- the column whose header takes the most lines first (the cheapest of those first): headers
  -- of about the same height rather than one of five lines beside one of one. Returns the room used.
  local function balance(w, cap, budget)
    local used = 0
    while true do
      local best, best_lines, best_cost
      for i in pairs(w) do
        local lines = header_lines(i, w[i])
        if lines > 1 and w[i] < cap[i] - 1e-6 then
          local target = width_for(i, lines - 1, cap[i])
          local cost = target and (target - w[i])
          if cost and cost <= budget - used and
             (not best or lines > best_lines or (lines == best_lines and cost < best_cost)) then
            best, best_lines, best_cost = i, lines, cost
          end
        end
      end
      if not best then return used end
      w[best], used = w[best] + best_cost, used + best_cost
    end
  end
  local least_fixed = {}  -- a fixed column's width with its header wrapped over as many lines as it takes
  local available = LINE_EM
  -- number columns: their whole width, their header as narrow as its longest word for now
  for i, cs in ipairs(tbl.colspecs) do
    if cs[1] == "AlignRight" then
      fixed[i] = math.max(body[i], head_word[i]) + PAD
      least_fixed[i] = fixed[i]
      available = available - fixed[i]
    end
  end
  -- label columns, narrowest first, while they leave the text columns enough room
  local order = {}
  for i = 1, n do
    if not fixed[i] and chars[i] <= SHORT_COLUMN then order[#order + 1] = i end
  end
  local label = {}
  for _, i in ipairs(order) do
    label[i] = math.max(math.min(share_width({table.unpack(ws[i])}), LABEL_MAX), word[i])
  end
  same_labels(order, label, values)
  table.sort(order, function(a, b) return label[a] < label[b] end)
  local texts = 0
  for i = 1, n do texts = texts + ((fixed[i] or label[i]) and 0 or 1) end
  local labels = {}
  for _, i in ipairs(order) do
    local w = math.max(label[i], head_word[i]) + PAD
    if texts == 0 or available - w >= TEXT_SHARE * LINE_EM then
      fixed[i], available = w, available - w
      -- at the least: most of its entries whole (a label wraps between words, never inside one)
      least_fixed[i] = math.max(share_width({table.unpack(ws[i])}, LEAST_SHARE), word[i], head_word[i]) + PAD
      labels[#labels + 1] = i
    else
      texts = texts + 1
    end
  end
  local fr, need, extra = {}, 0, 0
  for i = 1, n do
    if not fixed[i] then
      -- at least its longest word, and a typical short entry ("✗ Ikke nået") on one line
      local sorted = {table.unpack(ws[i])}
      table.sort(sorted)
      local median = #sorted > 0 and sorted[math.ceil(#sorted / 2)] or 0
      local least = math.max(word[i], math.min(median, 9), head_word[i]) + PAD
      local typical = count[i] > 0 and 1.3 * sum[i] / count[i] or body[i]
      -- wanting its longest entry on one line where that is short (a name), else room for
      -- a typical entry
      fr[i] = {min = least, want = math.max(math.min(body[i], math.max(typical, 24), 45) + PAD, least)}
      need = need + fr[i].min
      extra = extra + fr[i].want - fr[i].min
    end
  end
  -- text columns short of their longest word: the labels narrow to their least (wrapping
  -- between words), the headers already wrap over as many lines as it takes
  if need > available then
    local slack = 0
    for _, i in ipairs(labels) do slack = slack + (fixed[i] - least_fixed[i]) end
    local take = math.min(need - available, slack)
    if take > 0 then
      for _, i in ipairs(labels) do fixed[i] = fixed[i] - (fixed[i] - least_fixed[i]) * take / slack end
      available = available + take
    end
  end
  -- the room beyond the text columns' longest words: headers down to three lines first, then
  -- the text columns' typical entries (and with no text column, the labels' longer entries on
  -- one line), then headers on fewer lines, down to one
  local full = {}
  for i, w in pairs(fixed) do full[i] = math.max(w, math.max(body[i], head[i]) + PAD) end
  local three = {}
  for i, w in pairs(fixed) do three[i] = math.max(w, width_for(i, 3, full[i]) or full[i]) end
  available = available - balance(fixed, three, math.max(available - need, 0))
  if texts == 0 and available > 0 then
    for _, i in ipairs(labels) do
      local more = math.min(math.max(body[i], head_word[i]) + PAD - fixed[i], available)
      if more > 0 then fixed[i], available = fixed[i] + more, available - more end
    end
  end
  available = available - balance(fixed, full, math.max(available - need - extra, 0))
  for i, w in pairs(fixed) do spec[i] = string.format("%.2fem", w) end
  local spare = math.max(available - need, 0)
  for i, c in pairs(fr) do
    widths[i] = c.min + (extra > 0 and (c.want - c.min) * math.min(spare / extra, 1) or 0)
    spec[i] = string.format("%.1ffr", widths[i] * 10)
  end
  return spec, widths, need <= available + 0.01, fixed
end

-- Printed lines of the table, estimated from the text of its wrapping columns.
local function printed_lines(tbl, widths)
  local lines = 0
  for _, entry in ipairs(own_rows(tbl)) do
    local row_lines = 1
    for i, cell in ipairs(entry[1].cells) do
      if widths[i] then
        local room = math.max(widths[i] - PAD, 0.5)
        row_lines = math.max(row_lines, math.ceil(em_width(cell_text(cell), entry[2]) / (0.85 * room)))
      end
    end
    lines = lines + row_lines
  end
  return lines
end

local ALIGN = {AlignLeft = "left", AlignRight = "right", AlignCenter = "center", AlignDefault = "left"}

local function typst_cell(cell, header, written)
  local body = "[" .. written .. "]"
  if header then  -- a header is bold and never hyphenated (its column is as wide as its longest word)
    body = "[#text(weight: \"bold\", hyphenate: false)" .. body .. "]"
  end
  if cell.col_span > 1 or cell.row_span > 1 then
    return "table.cell(colspan: " .. cell.col_span .. ", rowspan: " .. cell.row_span .. ")" .. body
  end
  return body
end

-- every cell of a table written at once, in order
local function written_cells(tbl)
  local lists = {}
  local function add(rows)
    for _, r in ipairs(rows) do
      for _, cell in ipairs(r.cells) do lists[#lists + 1] = cell.contents end
    end
  end
  add(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do add(body.body) end
  add(tbl.foot.rows)
  return {texts = typst_of_each(lists), next = 0}
end

-- the rows are written in the order written_cells met them: head, bodies, foot
local function typst_row(row, header, written)
  local cells = {}
  for _, cell in ipairs(row.cells) do
    written.next = written.next + 1
    cells[#cells + 1] = typst_cell(cell, header, written.texts[written.next])
  end
  return table.concat(cells, ", ")
end

local tables_made = 0

local function typst_table(tbl, source)
  local spec, fr, roomy, fixed = column_widths(tbl)
  tables_made = tables_made + 1
  local all = {}
  for i, w in pairs(fr) do all[i] = w end
  for i, w in pairs(fixed) do all[i] = w end
  local keep_whole = printed_lines(tbl, all) <= KEEP_LINES
  local aligns = {}
  for i, cs in ipairs(tbl.colspecs) do aligns[i] = ALIGN[cs[1]] or "left" end
  -- words stay whole; only text columns are hyphenated, and only where the line is too short for
  -- every column's longest word (numbers, labels and headers never)
  local hyphenated = {}
  if not roomy then
    for i = 1, #tbl.colspecs do
      if fr[i] then hyphenated[#hyphenated + 1] = "show table.cell.where(x: " .. (i - 1) .. "): set text(hyphenate: true); " end
    end
  end
  local out = {"#{ set text(hyphenate: false); " .. table.concat(hyphenated) .. "table(",
               "  columns: (" .. table.concat(spec, ", ") .. ",),",
               "  align: (" .. table.concat(aligns, ", ") .. ",),"}
  if not keep_whole and #tbl.head.rows > 0 then  -- the header's rule under its own row, not the »(fortsat)« line
    out[#out + 1] = "  stroke: (x, y) => if y == 0 { none } else if y == " .. #tbl.head.rows ..
      " { (bottom: 0.8pt + ink) } else { (bottom: 0.3pt + luma(200)) },"
  end
  local written = written_cells(tbl)
  local start = "<table-start-" .. tables_made .. ">"
  if #tbl.head.rows > 0 then
    local head = {}
    if not keep_whole then  -- a table that may continue on the next page says so there
      head[1] = "continued(" .. start .. ", " .. #tbl.colspecs .. ")"
    end
    for _, r in ipairs(tbl.head.rows) do head[#head + 1] = typst_row(r, true, written) end
    out[#out + 1] = "  table.header(" .. table.concat(head, ", ") .. ",),"
  end
  for _, body in ipairs(tbl.bodies) do
    for _, r in ipairs(body.body) do out[#out + 1] = "  " .. typst_row(r, false, written) .. "," end
  end
  for _, r in ipairs(tbl.foot.rows) do out[#out + 1] = "  " .. typst_row(r, false, written) .. "," end
  out[#out + 1] = ")}"
  local body = table.concat(out, "\n")
  if source then
    body = body .. "\n#source-note[" .. typst_of(source.content) .. "]"
  end
  local caption = typst_of(tbl.caption.long)
  local keep = keep_whole and "false" or "true"
  local label = keep_whole and "" or (" " .. start)  -- the continued header finds the table's first page by it
  local fig = "#block(breakable: " .. keep .. ")[#figure(kind: table, [" .. body .. "]" ..
    (caption ~= "" and (", caption: [" .. caption .. "]") or "") .. ")" .. label .. "]"
  return pandoc.RawBlock("typst", fig)
end

-- Figures --------------------------------------------------------------------------------------
local figures_made = 0

local function typst_figure(fig, source, float)
  local img
  fig:walk({Image = function(i) img = i end})
  if not img then
    return nil
  end
  local alt = pandoc.utils.stringify(img.caption)
  if alt == "" then
    alt = pandoc.utils.stringify(fig.caption.long)
  end
  local note = source and ("\n#source-note[" .. typst_of(source.content) .. "]") or ""
  local label = fig.identifier ~= "" and (" <" .. fig.identifier .. ">") or ""
  local made = "figure(placement: " .. (float and "p" or "none") .. ", [#book-image(" .. typst_string(img.src) ..
    ", " .. typst_string(alt) .. ")" .. note .. "], caption: [" .. typst_of(fig.caption.long) .. "])"
  if not float then
    return pandoc.RawBlock("typst", "#" .. made .. label)
  end
  figures_made = figures_made + 1  -- in the text where it fits, else floating (book.typ's flow-figure)
  local anchor = "<figure-at-" .. figures_made .. ">"
  -- the anchor in a block of no height stays where the text before it ends (a bare marker would
  -- move with the figure to the next page, and the figure would then always "fit")
  return pandoc.RawBlock("typst", "#block(height: 0pt)[#metadata(\"figure\") " ..
    anchor .. "]\n#flow-figure(" .. anchor .. ", p => [#" .. made .. label .. "])")
end

local function is_source(block)
  return block and block.t == "Div" and block.classes:includes("source")
end

local function is_checks_line(block)
  return block and block.t == "Div" and block.classes:includes("checks-line")
end

local TEXT_BLOCKS = {Para = true, Plain = true, BulletList = true, OrderedList = true}

local LISTS = {BulletList = true, OrderedList = true, DefinitionList = true}

-- Whether the figure at `at` opens a section of figures: right after a section's heading, or
-- after a heading and one paragraph, with nothing but figures and tables (their source lines,
-- the chapter's line on its checks) after it up to the next heading. Floated, such a figure would
-- leave its heading and sentence alone at the foot of a page with nothing to fill it.
-- A block of raw markup for another format only (a raw block, or a paragraph of raw inlines).
local function prints_nothing(b)
  if b.t == "RawBlock" then return b.format ~= "typst" end
  if b.t ~= "Para" and b.t ~= "Plain" or #b.content == 0 then return false end
  for _, inline in ipairs(b.content) do
    if not (inline.t == "RawInline" and inline.format ~= "typst") then return false end
  end
  return true
end

local function opens_section(blocks, at)
  if not (blocks[at] and blocks[at].t == "Figure") then return false end
  local function heading(b) return b and b.t == "Header" and b.level >= 2 end
  local prev = blocks[at - 1]
  if not (heading(prev) or (prev and (prev.t == "Para" or prev.t == "Plain") and heading(blocks[at - 2]))) then
    return false
  end
  for k = at + 1, #blocks do
    local b = blocks[k]
    if b.t == "Header" then break end
    -- raw HTML prints nothing here (Quarto's book marks where a file ends with a comment)
    local unprinted = prints_nothing(b)
    if not (b.t == "Figure" or b.t == "Table" or is_source(b) or is_checks_line(b) or unprinted) then
      return false
    end
  end
  return true
end

local function introduces_list(block, next_block)
  return (block.t == "Para" or block.t == "Plain") and next_block ~= nil and LISTS[next_block.t] == true
    and pandoc.utils.stringify(block):match(":%s*$") ~= nil
end

-- A table or figure takes the source line that follows it; the contents go before the first
-- numbered chapter (after the front chapter) and every chapter starts on a new page (an appendix
-- after another appendix on the same page).
local contents_placed = false
local first_heading_seen = false  -- the book's first chapter follows the title page directly
local after_appendix = false  -- the last part's title was an appendix's

-- The embedded renderer may write the book part by part (book/renderers/typstparts.py): with
-- `book-typst-state` in the metadata, what the parts hand on (tables and floating figures so far,
-- contents placed, first chapter seen, last title an appendix's) starts from it, the tables that
-- share column widths are the book's (`book-typst-tables`, JSON), and that state is written as a
-- comment before each chapter and at the end (the renderer takes the comments out again).
local parts_mode = false

local function state_text()
  local function flag(b) return b and "1" or "0" end
  return tables_made .. " " .. figures_made .. " " .. flag(contents_placed) .. " " ..
    flag(first_heading_seen) .. " " .. flag(after_appendix)
end

local function start_parts(doc)
  local state = doc.meta["book-typst-state"]
  if not state then
    return false
  end
  local n = {}
  for x in pandoc.utils.stringify(state):gmatch("%d+") do n[#n + 1] = tonumber(x) end
  tables_made, figures_made = n[1], n[2]
  contents_placed, first_heading_seen, after_appendix = n[3] == 1, n[4] == 1, n[5] == 1
  collect_headers(pandoc.read(pandoc.utils.stringify(doc.meta["book-typst-tables"]), "json"))
  parts_mode = true
  return true
end

local function with_sources(blocks)
  local out = pandoc.Blocks({})
  local i = 1
  local opening = false  -- between a chapter title and its first section: figures stay in place
  while i <= #blocks do
    local b = blocks[i]
    if b.t == "Header" then
      if parts_mode and b.level == 1 then
        out:insert(pandoc.RawBlock("typst", "// book-typst-part " .. state_text()))
      end
      opening = b.level == 1
      if b.level == 1 and not contents_placed and not b.classes:includes("unnumbered") then
        out:insert(pandoc.RawBlock("typst", "#book-contents()"))
        contents_placed = true
      end
      local appendix = b.level == 1 and b.classes:includes("appendix-title")
      if b.level == 1 and first_heading_seen then
        -- an appendix after an appendix goes on on the same page (short ones leave no page nearly empty)
        out:insert(pandoc.RawBlock("typst", (appendix and after_appendix) and "#appendix-break()" or "#chapter-break()"))
      end
      first_heading_seen = first_heading_seen or b.level == 1
      if b.level == 1 then after_appendix = appendix end
    end
    local source = is_source(blocks[i + 1]) and blocks[i + 1] or nil
    local made
    if b.t == "Table" then
      made = typst_table(b, source)
    elseif b.t == "Figure" then
      -- a section that opens with a figure (its heading, at most a sentence, the figure) keeps
      -- them together: the figure stays in the text, and its heading and sentence go with it
      made = typst_figure(b, source, not opening and not opens_section(blocks, i))
    elseif (b.t == "Para" or b.t == "Plain") and opens_section(blocks, i + 1) then
      made = pandoc.RawBlock("typst", "#block(sticky: true)[\n" .. typst_of({b}) .. "\n]")
    elseif TEXT_BLOCKS[b.t] and is_checks_line(blocks[i + 1]) then
      -- the chapter's line on its checks never stands alone on a page: the text before it
      -- (its last lines at least) goes with it; the chapter's floating figures come before both
      out:insert(pandoc.RawBlock("typst", "#place.flush()"))
      made = pandoc.RawBlock("typst", "#block(sticky: true)[\n" .. typst_of({b}) .. "\n]")
    elseif introduces_list(b, blocks[i + 1]) then
      -- a sentence that introduces a list (»... disse punkter:«) never ends a page: it goes on
      -- the page where its list begins
      made = pandoc.RawBlock("typst", "#block(sticky: true)[\n" .. typst_of({b}) .. "\n]")
    elseif is_checks_line(b) and not (i > 1 and TEXT_BLOCKS[blocks[i - 1].t]) then
      out:insert(pandoc.RawBlock("typst", "#place.flush()"))  -- the line on the checks ends the chapter
    end
    if made then
      out:insert(made)
      i = i + (source and 2 or 1)
    else
      out:insert(b)
      i = i + 1
    end
  end
  return out
end

-- words (issue 25): a voice label (`[**Kilden:**]{.voice-tag .voice-source}`) as `#voice-tag`.
local VOICES = {["voice-source"] = "source", ["voice-calculation"] = "calculation",
                ["voice-reading"] = "reading"}

local function voice_tag(span)
  if not span.classes:includes("voice-tag") then return nil end
  for class, kind in pairs(VOICES) do
    if span.classes:includes(class) then
      return pandoc.RawInline("typst", "#voice-tag(\"" .. kind .. "\")[" ..
        typst_of({pandoc.Plain(span.content)}) .. "]")
    end
  end
end

return {
  {Pandoc = function(doc)
    if not start_parts(doc) then collect_headers(doc) end
  end},
  {Span = voice_tag},
  {Div = function(div)
    local shown = shown_here(div)
    if shown == false then
      return {}
    elseif shown == true then
      return div.content
    end
  end},
  {Link = page_ref},
  {Blocks = with_sources},
  {Div = box},
  {Pandoc = function(doc)
    if parts_mode then
      doc.blocks:insert(pandoc.RawBlock("typst", "// book-typst-end " .. state_text()))
      return doc
    end
    if not contents_placed then  -- a book without numbered chapters: the contents come first
      doc.blocks:insert(1, pandoc.RawBlock("typst", "#book-contents()"))
    end
    return doc
  end},
}
