"""Paper suggestion forms (人民建议征集表): the layout (`layout.py`, versioned, in mm, A4 and
A5, and what the QR code says) and the blank form drawn for printing (`render.py`). Reading
a filled form is `station_app.ocr.form_page`; serials printed and received, printing and
review are in `station_app.postbox` (`form_serials`, `form_printing`, `form_review`)."""
