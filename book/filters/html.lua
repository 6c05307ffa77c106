-- HTML output of the embedded renderer:
-- * Quarto's conditional content: `.content-visible when-format="html"` stays, content meant
--   for Typst/PDF goes (and `.content-hidden` the other way round);
-- * figure and table captions numbered across the whole book ("Figur 3:", "Tabel 12:"), in the
--   same order as Typst numbers them in the PDF, so both editions can be cited alike: a figure
--   or table shown in the HTML only (a full reference table) takes no number of the PDF's
--   series but the number of the one before it and a letter ("Tabel 39a", "Tabel 39b"), so a
--   table has the same number in the HTML and the PDF;
-- * every table in a region that scrolls sideways on a narrow screen, reachable by keyboard
--   (tabindex 0) and named by the table's caption (WCAG 2.1.1, 1.3.1, 4.1.2; axe
--   `scrollable-region-focusable`); the caption stands above the region so it wraps on a phone;
-- * every figure's image in such a region too, so a phone can show it at a readable size;
-- * the front chapter's list of parts links to the parts' pages.

-- per kind: the floats numbered in both HTML and PDF, and the HTML-only ones since the last of them
local shared = {Figur = 0, Tabel = 0}
local extra = {Figur = 0, Tabel = 0}
local part_links = {}
local ONLY_HERE = "html-only"

local function letters(k)  -- 1 → a, 26 → z, 27 → aa
  local s = ""
  while k > 0 do
    s = string.char(97 + (k - 1) % 26) .. s
    k = (k - 1) // 26
  end
  return s
end

-- The number of the next float of `kind` ("Figur", "Tabel"); `el` is marked when HTML-only.
local function number(kind, el)
  if el.attributes[ONLY_HERE] then
    el.attributes[ONLY_HERE] = nil
    extra[kind] = extra[kind] + 1
    return shared[kind] .. letters(extra[kind])
  end
  shared[kind], extra[kind] = shared[kind] + 1, 0
  return tostring(shared[kind])
end

local HTML_FORMATS = {html = true, html5 = true, html4 = true, chunkedhtml = true}

local function shown_here(div)
  local fmt = div.attributes["when-format"]
  if div.classes:includes("content-visible") and fmt then
    return HTML_FORMATS[fmt] == true
  elseif div.classes:includes("content-hidden") and fmt then
    return not HTML_FORMATS[fmt]
  end
  return nil
end

local function prefix(blocks, label)
  local first = blocks[1]
  local lead = {pandoc.Strong({pandoc.Str(label)}), pandoc.Space()}
  if first and (first.t == "Plain" or first.t == "Para") then
    first.content = pandoc.Inlines(lead) .. first.content
  else
    blocks:insert(1, pandoc.Plain(lead))
  end
  return blocks
end

local function scroll_region(content, classes, label_id, label)
  -- attributes as an ordered list, so that every render writes them in the same order
  local attrs = {{"role", "region"}, {"tabindex", "0"}}
  if label_id then
    attrs[3] = {"aria-labelledby", label_id}
  else
    attrs[3] = {"aria-label", label}
  end
  return pandoc.Div(content, pandoc.Attr("", classes, attrs))
end

local function mark(el)
  el.attributes[ONLY_HERE] = "true"
  return el
end

function Div(div)
  local shown = shown_here(div)
  if shown == false then
    return {}
  elseif shown == true then  -- shown in the HTML only: its figures and tables are not in the PDF
    return pandoc.Blocks(div.content):walk({Table = mark, Figure = mark})
  end
end

function Figure(fig)
  fig.caption.long = prefix(fig.caption.long, "Figur " .. number("Figur", fig.attr) .. ":")
  local label = pandoc.utils.stringify(fig.caption.long)
  fig.content = {scroll_region(fig.content, {"figure-scroll"}, nil, label)}
  return fig
end

function Table(tbl)
  if #tbl.caption.long == 0 then
    return scroll_region({tbl}, {"table-scroll"}, nil, "Tabel")
  end
  local n = number("Tabel", tbl.attr)
  local id = "tabel-" .. n
  local caption = prefix(tbl.caption.long, "Tabel " .. n .. ":")
  local inlines = pandoc.utils.blocks_to_inlines(caption)
  tbl.caption = pandoc.Caption()
  tbl.attr.attributes["aria-labelledby"] = id
  return pandoc.Div({
    pandoc.Div({pandoc.Para(inlines)}, pandoc.Attr(id, {"table-caption"})),
    scroll_region({tbl}, {"table-scroll"}, id),
  }, pandoc.Attr("", {"table-block"}))
end

local function link_item(item)
  local first = item[1]
  if not first or (first.t ~= "Plain" and first.t ~= "Para") then
    return item
  end
  local text = pandoc.utils.stringify(first.content)
  local target = part_links[text] or part_links[(text:gsub("^Bilag %u: ", ""))]
  if target then
    first.content = {pandoc.Link(first.content, target)}
  end
  return item
end

local function link_list(list)
  for i, item in ipairs(list.content) do
    list.content[i] = link_item(item)
  end
  return list
end

return {
  {Meta = function(meta)
    for title, target in pairs(meta["part-links"] or {}) do
      part_links[title] = pandoc.utils.stringify(target)
    end
    -- Quarto renders one page per run: the figures and tables of the pages before this one
    for kind, key in pairs({Figur = "figures", Tabel = "tables"}) do
      shared[kind] = tonumber(pandoc.utils.stringify(meta["book-" .. key .. "-before"] or "0")) or 0
      extra[kind] = tonumber(pandoc.utils.stringify(meta["book-" .. key .. "-extra-before"] or "0")) or 0
    end
  end},
  {Div = Div},
  {Figure = Figure, Table = Table, OrderedList = link_list, BulletList = link_list},
}
