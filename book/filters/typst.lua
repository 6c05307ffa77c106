-- Typst output: pandoc 3.9's Typst writer drops image alt text, and Typst's PDF/UA-1 check then
-- refuses the figure. Write figures ourselves, with alt text and caption.

local function typst_string(s)
  return '"' .. s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", " ") .. '"'
end

function Figure(fig)
  local img
  fig:walk({Image = function(i) img = i end})
  if not img then
    return nil
  end
  local alt = pandoc.utils.stringify(img.caption)
  if alt == "" then
    alt = pandoc.utils.stringify(fig.caption.long)
  end
  local caption = pandoc.write(pandoc.Pandoc(fig.caption.long), "typst")
  local label = fig.identifier ~= "" and (" <" .. fig.identifier .. ">") or ""
  return pandoc.RawBlock("typst",
    "#figure(image(" .. typst_string(img.src) .. ", alt: " .. typst_string(alt) ..
    ", width: 100%), caption: [" .. caption:gsub("%s+$", "") .. "])" .. label)
end

function Div(div)
  if div.classes:includes("source") then
    local body = pandoc.write(pandoc.Pandoc(div.content), "typst")
    return pandoc.RawBlock("typst", "#source-note[" .. body:gsub("%s+$", "") .. "]")
  end
  if div.classes:includes("notice") then
    local body = pandoc.write(pandoc.Pandoc(div.content), "typst")
    return pandoc.RawBlock("typst", "#notice[" .. body:gsub("%s+$", "") .. "]")
  end
  if div.classes:includes("key-messages") then
    local body = pandoc.write(pandoc.Pandoc(div.content), "typst")
    return pandoc.RawBlock("typst", "#key-messages[" .. body:gsub("%s+$", "") .. "]")
  end
end

-- Keep a short table on one page together with its caption (long tables may break).
local KEEP_ROWS = 30

function Table(tbl)
  local rows = 0
  for _, body in ipairs(tbl.bodies) do
    rows = rows + #body.body
  end
  if rows <= KEEP_ROWS then
    return {pandoc.RawBlock("typst", "#block(breakable: false)["), tbl, pandoc.RawBlock("typst", "]")}
  end
end
