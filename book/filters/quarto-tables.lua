-- Quarto renderer, HTML, last filter (`at: post-render`, after Quarto's own HTML fixups): a table
-- as the embedded renderer's pandoc writes it. Quarto marks every table's rows `odd`/`even`
-- (`header` in the head) and the table `caption-top`; its Bootstrap post-processor then finds
-- the tables by `tr.odd`, adds the class `table` and removes the table's `style` – the
-- `width:100%` pandoc gives a table whose relative column widths fill the line. Without those
-- classes the table keeps pandoc's markup: the same width and column widths as in the embedded
-- book (and Chromium paints the sticky first column's lines the same way).

local ROW_CLASSES = {odd = true, even = true, header = true}

local function plain_rows(rows)
  for _, row in ipairs(rows) do
    row.classes = row.classes:filter(function(c) return not ROW_CLASSES[c] end)
  end
end

function Table(tbl)
  tbl.classes = tbl.classes:filter(function(c) return c ~= "caption-top" end)
  plain_rows(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    plain_rows(body.head)
    plain_rows(body.body)
  end
  plain_rows(tbl.foot.rows)
  return tbl
end
