-- Turns an executed notebook (as read by pandoc's ipynb reader) into the book's content:
-- no code anywhere, Markdown outputs parsed as Markdown, figures with caption and alt text.
-- Used by the embedded (pandoc) renderer for every notebook, before the book is assembled.

local function figure_from(img)
  local alt = img.attributes["alt"]
  local caption = img.attributes["caption"]
  if not caption then
    return nil
  end
  local only = img.attributes["only"]
  img.attributes["caption"] = nil
  img.attributes["width"] = nil
  img.attributes["height"] = nil
  img.attributes["only"] = nil
  img.attributes["layout"] = nil  -- the figure's text check (report.show.figure), not for the reader
  img.caption = pandoc.Inlines(alt or caption)
  local cap = pandoc.read(caption, "markdown").blocks
  local fig = pandoc.Figure({pandoc.Plain({img})}, {long = cap})
  if only then  -- a figure for one format only (`report.figure(..., html_only=True)`)
    return pandoc.Div({fig}, pandoc.Attr("", {"content-visible"}, {{"when-format", only}}))
  end
  return fig
end

local function output_blocks(div)
  local out = pandoc.Blocks({})
  for _, b in ipairs(div.content) do
    if b.t == "RawBlock" and b.format == "markdown" then
      out:extend(pandoc.read(b.text, "markdown").blocks)
    elseif b.t == "Para" and #b.content == 1 and b.content[1].t == "Image" then
      out:insert(figure_from(b.content[1]) or b)
    elseif b.t == "CodeBlock" or b.t == "RawBlock" then
      -- plain-text, JSON (recorded results) and stream outputs never reach the reader
    else
      out:insert(b)
    end
  end
  return out
end

function Div(div)
  if div.classes:includes("cell") then
    local out = pandoc.Blocks({})
    for _, b in ipairs(div.content) do
      if b.t == "Div" and b.classes:includes("output") then
        if not (b.classes:includes("stream") or b.classes:includes("error")) then
          out:extend(output_blocks(b))
        end
      elseif b.t ~= "CodeBlock" then
        out:insert(b)
      end
    end
    return out
  end
end

-- Text that looks like a heading is one: the bold title that opens a box ("Hovedbudskaber",
-- "Til udvalget") and a paragraph that is only bold text (the front chapter's subheads) become
-- unnumbered headings one level below the section they are in, left out of the contents, so
-- screen readers and the PDF's tags see the structure a sighted reader sees.
local BOXES = {"key-messages", "to-committee", "decided", "orientation", "period", "notice"}

local function bold_title(block)
  if block and block.t == "Para" and #block.content == 1 and block.content[1].t == "Strong" then
    return block.content[1].content
  end
end

-- The ids these headings got in the part so far: a title two boxes of a part share gets `-1`,
-- `-2`, ... the second time, as pandoc makes ids unique (one id once on a page).
local made_ids = {}

local function as_heading(inlines, level)
  local id = pandoc.utils.stringify(inlines):lower():gsub("[^%w\128-\255]+", "-"):gsub("^-+", ""):gsub("-+$", "")
  if made_ids[id] then
    local n = 1
    while made_ids[id .. "-" .. n] do n = n + 1 end
    id = id .. "-" .. n
  end
  made_ids[id] = true
  return pandoc.Header(math.min(level, 6), inlines, pandoc.Attr(id, {"unnumbered", "unlisted"}))
end

local function is_box(div)
  for _, c in ipairs(BOXES) do
    if div.classes:includes(c) then return true end
  end
  return false
end

-- One table style: a column of numbers is right-aligned, whatever the notebook's table said
-- (numbers formatted as text reach the table as text and were left-aligned), and a column in
-- which no entry begins with a number is left-aligned, as text is. A number here:
-- Danish digits with an optional sign and a per cent sign (»−1.234,5 %«); »–«, »..« and an
-- empty cell are placeholders a number column may hold.
local PLACEHOLDERS = {[""] = true, ["\u{2013}"] = true, [".."] = true, ["-"] = true}

local function is_number(text)
  local s = text:gsub("\u{a0}", " "):gsub("^%s+", ""):gsub("%s+$", "")
  s = s:gsub("^\u{2212}", ""):gsub("^[-+]", "")
  return s:match("^%d[%d%.,]*%s?%%?$") ~= nil
end

local function starts_with_number(text)
  local s = text:gsub("^%s+", ""):gsub("^\u{2212}", ""):gsub("^[-+]", "")
  return s:match("^%d") ~= nil
end

local function align_numbers(tbl)
  for i, spec in ipairs(tbl.colspecs) do
    local numbers, others, words = 0, 0, 0
    for _, body in ipairs(tbl.bodies) do
      for _, row in ipairs(body.body) do
        local cell = row.cells[i]
        if cell then
          local text = pandoc.utils.stringify(cell.contents)
          if is_number(text) then numbers = numbers + 1
          elseif not PLACEHOLDERS[text] then others = others + 1 end
          if not PLACEHOLDERS[text] and not starts_with_number(text) then words = words + 1 end
        end
      end
    end
    local align
    if numbers > 0 and others == 0 and spec[1] ~= "AlignRight" then
      align = "AlignRight"
    elseif spec[1] == "AlignRight" and words > 0 and words == numbers + others then
      align = "AlignLeft"  -- a column of words (»nr. 3 af 10«, »Kommune F: 26,0 %«) reads from the left
    end
    if align then
      tbl.colspecs[i] = {align, spec[2]}
      local function reset(rows)  -- the cells follow their column
        for _, row in ipairs(rows) do
          if row.cells[i] then row.cells[i].alignment = "AlignDefault" end
        end
      end
      reset(tbl.head.rows)
      for _, body in ipairs(tbl.bodies) do reset(body.body) end
    end
  end
  return tbl
end

-- Quarto's book marks where a part's file begins, in a comment, as a block or alone in a paragraph
-- (`<!-- quarto-file-metadata: … -->`); nothing a reader sees.
local FILE_MARK = "^%s*<!%-%- quarto%-file%-metadata:"

local function is_file_mark(b)
  if b.t == "RawBlock" then return b.text:match(FILE_MARK) ~= nil end
  return b.t == "Para" and #b.content == 1 and b.content[1].t == "RawInline" and b.content[1].text:match(FILE_MARK) ~= nil
end

function Pandoc(doc)
  doc = doc:walk({Table = align_numbers})
  local level = 1
  local out = pandoc.Blocks({})
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" then
      level = b.level
      if level == 1 then made_ids = {} end  -- a part's title: Quarto's Typst book holds every part
      out:insert(b)
    elseif b.t == "Div" and is_box(b) and bold_title(b.content[1]) then
      b.content[1] = as_heading(bold_title(b.content[1]), level + 1)
      out:insert(b)
    elseif bold_title(b) then
      out:insert(as_heading(bold_title(b), level + 1))
    else
      out:insert(b)
    end
  end
  -- the chapter's line on its checks ends the chapter, after sections a notebook shows later
  -- (the series' »Udviklingen over udgaverne«): before the next part's title where one document
  -- holds the whole book (Quarto's Typst book: there, before the marks of where the next part's
  -- file begins, so the line follows the chapter's last text as in the embedded book), else at the end
  local checks, body = {}, pandoc.Blocks({})
  local function flush()
    local at = #body + 1
    while at > 1 and is_file_mark(body[at - 1]) do at = at - 1 end
    for k, c in ipairs(checks) do body:insert(at + k - 1, c) end
    checks = {}
  end
  for _, b in ipairs(out) do
    if b.t == "Div" and b.classes:includes("checks-line") then
      checks[#checks + 1] = b
    else
      if b.t == "Header" and b.level == 1 then flush() end
      body:insert(b)
    end
  end
  flush()
  doc.blocks = body
  return doc
end
