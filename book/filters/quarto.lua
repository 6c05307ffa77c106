-- Quarto renderer, first filter (`at: pre-ast`, before Quarto reads anything as its own): the
-- staged parts as the embedded renderer sees them, so that the embedded renderer's filters that
-- run next (notebook.lua, then html.lua or typst.lua) make the same book:
-- * a figure's image carries its alt text (`fig-alt`) as its description, as notebook.lua does;
-- * in HTML, a link to a chapter's box »Til udvalget« (`#kvoter-til-udvalget`, which the embedded
--   renderer's one-document book resolves itself) points to the chapter's page;
-- * Quarto's divider page before the appendices ("Bilag") is dropped: the appendix titles read
--   "Bilag A: ..." themselves, as in the embedded book, which has no divider.

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

function Link(link)
  local part = link.target:match("^#(.+)%-til%-udvalget$")
  if part and quarto.doc.is_format("html") then
    link.target = part .. ".html" .. link.target
    return link
  end
end
