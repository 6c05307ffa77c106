-- Quarto renderer, first filter (`at: pre-ast`, before Quarto reads anything as its own): the
-- staged parts as the embedded renderer sees them, so that the embedded renderer's filters that
-- run next (notebook.lua, then html.lua or typst.lua) make the same book:
-- * a figure's image carries its alt text (`fig-alt`) as its description, as notebook.lua does;
-- * in HTML, a link to an id of the book (`#kvoter-til-udvalget`, `#afstemning-rammer`, which the
--   embedded renderer's one-document book resolves itself) points to the part's page;
-- * Quarto's divider page before the appendices ("Bilag") is dropped: the appendix titles read
--   "Bilag A: ..." themselves, as in the embedded book, which has no divider;
-- * every heading of the part (not in a box), its title aside, has an id prefixed with the part's
--   id (the title's id), as the embedded renderer gives it (pandoc.py, prepare_part): the same
--   addresses (`kvoter.html#kvoter-baggrund`) in both books.

-- The page of each part (`book-pages`: part id -> page), to resolve the book's own links.
local pages = {}
-- The part this document is (`book-part`, the staged file's front matter).
local this_part = nil

function Meta(meta)
  for id, page in pairs(meta["book-pages"] or {}) do
    pages[id] = pandoc.utils.stringify(page)
  end
  if meta["book-part"] then
    this_part = pandoc.utils.stringify(meta["book-part"])
  end
end

-- A part's title (a level-1 heading whose id is a part's id) starts the part; every other
-- heading of the document's top level gets `<part id>-` before its id. One part per document in
-- the HTML (whose title Quarto has taken out: the part is `book-part`); the whole book in one
-- document for Typst.
local function prefix_ids(doc)
  local part = this_part
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" then
      if b.level == 1 and pages[b.identifier] then
        part = b.identifier
      elseif part and b.identifier ~= "" then
        b.identifier = part .. "-" .. b.identifier
      end
    end
  end
  return doc
end

function Figure(fig)
  return fig:walk({Image = function(img)
    local alt = img.attributes["fig-alt"]
    if alt then
      img.caption = pandoc.Inlines(alt)  -- fig-alt stays: Quarto's HTML writes it as the alt text
    end
    return img
  end})
end

function Div(div)
  if div.classes:includes("quarto-book-part") then
    local kept = pandoc.Blocks({})
    for _, b in ipairs(div.content) do
      if b.t ~= "Header" then kept:insert(b) end
    end
    return kept
  end
end

-- A link to an id of the book (`#afstemning-rammer`: ids start with their part's id) goes to
-- the part's page in HTML.
function Link(link)
  local id = link.target:match("^#(.+)$")
  if not id or not quarto.doc.is_format("html") then
    return nil
  end
  local best = nil
  for part, _ in pairs(pages) do
    if (id == part or id:sub(1, #part + 1) == part .. "-") and (not best or #part > #best) then
      best = part
    end
  end
  if best then
    link.target = pages[best] .. "#" .. id  -- as the embedded book's chunked HTML writes it
    return link
  end
end

-- the book's pages are read first, then the document is walked
return {{Meta = Meta}, {Pandoc = prefix_ids}, {Figure = Figure, Div = Div, Link = Link}}
