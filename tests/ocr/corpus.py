"""Postbox letters as they really arrive, made in code: the corpus of the OCR tests and bench.

Each page is described by a `PageSpec` (paper, resolution, font, layout, every degradation,
the quarter turn) and rendered from it deterministically (its seed), with the text it carries:

- paper A4 or A5 at 200-300 dpi; Noto Sans / Serif CJK for printed letters, AR PL UKai (the
  Kai font of fonts-arphic-ukai) with per-character jitter in size, position, angle and ink
  for handwriting-like ones;
- plain, ruled letter paper (light rules and a margin line) or a boxed form (a table of
  labelled cells with the content in the big cell);
- uneven lighting, vignette, fold shadows with a crease, blur, Gaussian noise, JPEG, skew,
  and a final lossless quarter turn, so that a turned page's upright twin is the same pixels.

`standard_corpus()` is the bench's full set; `test_slice()` a few hard pages for the tests.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.ocr.letters import FontMissing

PAPER_MM = {"A4": (210, 297), "A5": (148, 210)}
FONTS = {
    "sans": ("Noto Sans CJK SC:style=Regular", "NotoSansCJK"),
    "serif": ("Noto Serif CJK SC:style=Regular", "NotoSerifCJK"),
    "kai": ("AR PL UKai CN", "ukai"),
}

TITLES = [
    "关于小区停车难问题的建议",
    "关于加装电梯的建议",
    "关于改善菜市场环境的建议",
    "关于增设社区食堂的建议",
    "关于修缮老旧小区屋顶的建议",
    "关于公交站点设置的建议",
    "关于垃圾分类投放点的建议",
    "关于社区养老服务的建议",
]
SENTENCES = [
    "我住在普陀区长寿路街道，小区里车位很少，晚上经常有车停在消防通道上，存在安全隐患。",
    "建议在附近空地增设临时停车位，并加强夜间巡查和管理。",
    "我们楼里老人多，上下楼很不方便，有的老人已经半年没有下过楼了。",
    "希望街道帮助协调加装电梯的事情，大家都愿意出一部分费用。",
    "菜市场门口的路面坑坑洼洼，下雨天积水很深，老人买菜时容易滑倒。",
    "建议尽快修补路面，并在入口处增加防滑垫和扶手。",
    "社区里独居老人越来越多，中午吃饭成了难题。",
    "建议利用居委会旁边的空房开设社区食堂，价格实惠一些，方便老人就近用餐。",
    "我家住在顶楼，每逢下雨屋顶就漏水，墙面已经发霉，物业多次维修都没有解决。",
    "希望有关部门能够统一安排屋顶防水改造，彻底解决这个问题。",
    "小区门口的公交站离路口太近，车辆进出站时经常造成拥堵。",
    "建议把站点向东移动五十米左右，同时增加一条通往地铁站的线路。",
    "垃圾分类以后，投放点只在早晚开放两个小时，上班族很难按时投放。",
    "建议延长开放时间，或者设置一个全天开放的误时投放点。",
    "社区卫生服务中心的上门服务很受欢迎，但是预约电话经常打不通。",
    "希望增加预约渠道，比如在手机上就可以预约，并公布每周的服务安排。",
    "以上意见仅供参考，希望能够得到重视，谢谢！",
    "这件事情已经反映过多次，希望这次能有一个明确的答复。",
    "附近的健身器材大多已经损坏，孩子们玩耍时存在危险。",
    "建议定期检查维护，并在醒目位置张贴报修电话。",
]
GREETINGS = ["尊敬的工作站同志：", "街道领导：", "您好：", "尊敬的人民建议征集办公室："]
NAMES = ["张明华", "李秀英", "王建国", "陈美玲", "刘德胜", "赵丽娟", "周国强", "吴晓燕"]
STREETS = ["普陀区长寿路123弄4号502室", "静安区西康路88弄12号301室", "徐汇区枫林路56号201室"]
FORM_TITLE = "人民建议征集表"


@dataclass(frozen=True)
class PageSpec:
    """One page: what is printed on what, and everything that happened to it afterwards.

    `turn` is the counter-clockwise quarter turn of the finished scan (0, 90, 180, 270);
    the rotation that makes it upright again is `(360 - turn) % 360`.
    """

    name: str
    kind: str  # the report's group: clean printed, hard printed, hard handwriting, form ...
    seed: int
    paper: str = "A4"
    dpi: int = 300
    font: str = "sans"
    jitter: bool = False
    layout: str = "plain"  # plain, ruled, form
    lines: int = 0  # lines of text; 0 fills about three quarters of the page
    lighting: float = 0.0  # depth of a linear light gradient (fraction darker at the far side)
    vignette: float = 0.0  # fraction darker in the corners
    folds: int = 0  # horizontal fold shadows (a letter folded for its envelope)
    blur: float = 0.0  # Gaussian blur radius, px
    noise: float = 0.0  # Gaussian noise sigma, gray levels
    jpeg: int = 0  # JPEG quality; 0 = PNG
    skew: float = 0.0  # degrees counter-clockwise
    turn: int = 0
    color: bool = False  # RGB scan (tinted paper, coloured rules)

    @property
    def upright_rotation(self) -> int:
        return (360 - self.turn) % 360

    def upright(self) -> PageSpec:
        """The same page not turned: its twin for the 'within one point' comparison."""
        return replace(self, name=self.name + "-upright", turn=0)


@dataclass
class Page:
    spec: PageSpec
    image: Image.Image  # the finished scan (JPEG artefacts included when spec.jpeg)
    text: str  # what is written on it, lines joined by newlines
    data: bytes  # the file's bytes (PNG or JPEG)

    @property
    def suffix(self) -> str:
        return ".jpg" if self.spec.jpeg else ".png"


@cache
def font_file(kind: str) -> tuple[str, int]:
    """Path and collection index of a corpus font (fc-match), or FontMissing."""
    query, expected = FONTS[kind]
    if not shutil.which("fc-match"):
        raise FontMissing("fc-match not found: install fontconfig")
    out = subprocess.run(
        ["fc-match", "-f", "%{file}|%{index}", query], capture_output=True, text=True, check=False
    ).stdout
    path, _, index = out.partition("|")
    if expected not in path.replace("-", ""):
        raise FontMissing(f"{query} not found (fc-match gave {path!r}): see scripts/bootstrap.sh")
    return path, int(index or 0)


@cache
def _font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    path, index = font_file(kind)
    return ImageFont.truetype(path, size, index=index)


# -- text -----------------------------------------------------------------------------------


INDENT = "\u3000\u3000"  # a paragraph's first line starts two characters in


def _wrap(paragraph: str, per_line: int, indent: bool = True) -> list[str]:
    lines, rest = [], paragraph
    while rest:
        take = per_line - 2 if indent and not lines else per_line
        lines.append((INDENT if indent and not lines else "") + rest[:take])
        rest = rest[take:]
    return lines


def letter_lines(rng: np.random.Generator, per_line: int, count: int) -> list[str]:
    """Title, greeting, wrapped body paragraphs, contact, address, date: `count` lines or so."""
    name = NAMES[rng.integers(len(NAMES))]
    phone = "1" + "".join(str(d) for d in rng.integers(0, 10, 10))
    street = STREETS[rng.integers(len(STREETS))]
    lines = [TITLES[rng.integers(len(TITLES))], GREETINGS[rng.integers(len(GREETINGS))]]
    order = rng.permutation(len(SENTENCES))
    body: list[str] = []
    i = 0
    while len(body) < max(2, count - 5):
        paragraph = SENTENCES[order[i % len(order)]] + SENTENCES[order[(i + 1) % len(order)]]
        body += _wrap(paragraph, per_line)
        i += 2
    lines += body[: max(2, count - 5)]
    lines += [
        f"联系人：{name}  电话：{phone}",
        f"地址：上海市{street}"[:per_line],
        f"2026年{rng.integers(1, 13)}月{rng.integers(1, 29)}日",
    ]
    return lines


# -- drawing --------------------------------------------------------------------------------


def _draw_line(
    img: Image.Image, xy: tuple[float, float], text: str, size: int, spec: PageSpec, rng: Any
) -> None:
    """One line of text; with `spec.jitter` character by character like a careful hand."""
    draw = ImageDraw.Draw(img)
    x, y = xy
    if not spec.jitter:
        draw.text((x, y), text, fill=int(rng.integers(10, 50)), font=_font(spec.font, size))
        return
    ink = int(rng.integers(20, 70))
    for ch in text:
        if ch in " \u3000":
            x += size * (0.5 if ch == " " else 1.0)
            continue
        s = max(8, round(size * rng.uniform(0.9, 1.1)))
        font = _font(spec.font, s)
        glyph = Image.new("L", (s * 2, s * 2), 0)
        ImageDraw.Draw(glyph).text((s // 2, s // 2), ch, fill=255, font=font)
        glyph = glyph.rotate(rng.uniform(-5, 5), resample=Image.Resampling.BILINEAR)
        dy = rng.normal(0, size * 0.05)
        shade = Image.new("L", glyph.size, max(0, min(120, ink + int(rng.integers(-15, 16)))))
        img.paste(shade, (round(x - s // 2), round(y + dy - s // 2)), glyph)
        advance = font.getlength(ch) if ord(ch) < 0x2E80 else s
        x += advance * rng.uniform(1.0, 1.12)


def _layout_plain_or_ruled(img: Image.Image, spec: PageSpec, rng: np.random.Generator) -> list[str]:
    w, h = img.size
    mm = spec.dpi / 25.4
    size = round((rng.uniform(5.5, 7.0) if spec.jitter else rng.uniform(4.2, 5.2)) * mm)
    pitch = round(size * rng.uniform(1.55, 1.8))
    left = round(rng.uniform(18, 25) * mm)
    per_line = int((w - 2 * left) / (size * (1.12 if spec.jitter else 1.0))) - 1
    top = round(rng.uniform(20, 30) * mm)
    lines = letter_lines(rng, per_line, spec.lines or int((h - 2 * top) / pitch * 0.85))
    draw = ImageDraw.Draw(img)
    if spec.layout == "ruled":
        tone = int(rng.integers(150, 190))
        rule = max(2, round(0.25 * mm))
        for k in range((h - top) // pitch):
            y = top + k * pitch + round(size * 1.25)
            draw.line([(round(10 * mm), y), (w - round(10 * mm), y)], fill=tone, width=rule)
        draw.line([(left - round(4 * mm), 0), (left - round(4 * mm), h)], fill=tone, width=rule)
    y = top
    for k, line in enumerate(lines):
        if k == 0:  # the title, centred and larger
            title_size = round(size * 1.2)
            tw = _font(spec.font, title_size).getlength(line)
            _draw_line(img, ((w - tw) / 2, y), line, title_size, spec, rng)
        else:
            _draw_line(img, (left, y), line, size, spec, rng)
        y += pitch
        if y > h - top - pitch:
            return lines[: k + 1]
    return lines


def _layout_form(img: Image.Image, spec: PageSpec, rng: np.random.Generator) -> list[str]:
    """A boxed form: labels printed (sans), answers in the page's font, content in a big cell."""
    w, h = img.size
    mm = spec.dpi / 25.4
    size = round(rng.uniform(4.4, 5.2) * mm)
    draw = ImageDraw.Draw(img)
    left, right = round(18 * mm), w - round(18 * mm)
    y = round(22 * mm)
    label_spec = replace(spec, font="sans", jitter=False)
    title_size = round(size * 1.4)
    tw = _font("sans", title_size).getlength(FORM_TITLE)
    _draw_line(img, ((w - tw) / 2, y), FORM_TITLE, title_size, label_spec, rng)
    y += round(title_size * 2)
    name = NAMES[rng.integers(len(NAMES))]
    phone = "1" + "".join(str(d) for d in rng.integers(0, 10, 10))
    row_h = round(size * 2.2)
    label_w = round(size * 5.5)
    mid = left + round((right - left) * 0.42)
    frame = max(2, round(0.3 * mm))
    answer_per_line = int((right - left - label_w) / (size * 1.12)) - 2
    title = TITLES[rng.integers(len(TITLES))][:answer_per_line]
    street = ("上海市" + STREETS[rng.integers(len(STREETS))])[:answer_per_line]
    rows = [
        [("建议人", True), (name, False), ("联系电话", True), (phone, False)],
        [("地址", True), (street, False)],
        [("建议标题", True), (title, False)],
    ]
    out = [FORM_TITLE]
    for row in rows:
        draw.rectangle([left, y, right, y + row_h], outline=0, width=frame)
        cells = (
            [left, left + label_w, mid, mid + label_w, right]
            if len(row) == 4
            else [left, left + label_w, right]
        )
        for x in cells[1:-1]:
            draw.line([(x, y), (x, y + row_h)], fill=0, width=frame)
        for (text, is_label), x in zip(row, cells, strict=False):
            cell_spec = label_spec if is_label else spec
            _draw_line(img, (x + size * 0.5, y + (row_h - size) / 2), text, size, cell_spec, rng)
        out.append("".join(t for t, _ in row))
        y += row_h
    body_top = y
    pitch = round(size * 1.7)
    room = (h - body_top - round(30 * mm)) // pitch - 1
    body_lines = max(3, spec.lines - 5 if spec.lines else round(room * 0.8))
    body_h = pitch * (body_lines + 1)
    draw.rectangle([left, body_top, right, body_top + body_h], outline=0, width=frame)
    draw.line([(left + label_w, body_top), (left + label_w, body_top + body_h)], 0, frame)
    _draw_line(img, (left + size * 0.5, body_top + size), "建议内容", size, label_spec, rng)
    content_per_line = int((right - left - label_w) / (size * (1.12 if spec.jitter else 1))) - 2
    paragraph = "".join(SENTENCES[i] for i in rng.permutation(len(SENTENCES)))
    content = _wrap(paragraph, content_per_line, indent=False)[:body_lines]
    for k, line in enumerate(content):
        _draw_line(
            img, (left + label_w + size * 0.5, body_top + size + k * pitch), line, size, spec, rng
        )
    out.append("建议内容" + content[0])
    out += content[1:]
    y = body_top + body_h + round(size * 1.5)
    date = f"填表日期：2026年{rng.integers(1, 13)}月{rng.integers(1, 29)}日"
    date_w = _font("sans", size).getlength(date)
    _draw_line(img, (right - date_w, y), date, size, label_spec, rng)
    out.append(date)
    return out


# -- degradations ---------------------------------------------------------------------------


def _scan_effects(gray: np.ndarray, spec: PageSpec, rng: np.random.Generator) -> np.ndarray:
    """Paper tone, folds, lighting, vignette, blur and noise on a float page (0..255)."""
    h, w = gray.shape
    paper = rng.uniform(225, 245) if spec.noise or spec.lighting else 255.0
    ink_floor = rng.uniform(15, 35) if spec.noise else 0.0
    out = ink_floor + gray * (paper - ink_floor) / 255.0
    ys = np.arange(h, dtype=np.float32)[:, None]
    xs = np.arange(w, dtype=np.float32)[None, :]
    for k in range(spec.folds):
        fy = h * (k + 1) / (spec.folds + 1) + rng.normal(0, h * 0.02)
        width = rng.uniform(0.006, 0.015) * h
        depth = rng.uniform(35, 60)
        shadow = depth * np.exp(-(((ys - fy) / width) ** 2)) * (ys >= fy - width * 0.2)
        crease = 25 * np.exp(-(((ys - fy) / 2.0) ** 2))
        out = out - shadow - crease
    if spec.lighting:
        angle = rng.uniform(0, 2 * np.pi)
        ramp = (xs / w - 0.5) * np.cos(angle) + (ys / h - 0.5) * np.sin(angle)
        out = out * (1 - spec.lighting * (ramp + 0.5))
    if spec.vignette:
        r2 = ((xs / w - 0.5) ** 2 + (ys / h - 0.5) ** 2) / 0.5
        out = out * (1 - spec.vignette * r2)
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    if spec.blur:
        img = img.filter(ImageFilter.GaussianBlur(spec.blur))
    arr = np.asarray(img, dtype=np.float32)
    if spec.noise:
        arr = arr + rng.normal(0, spec.noise, arr.shape).astype(np.float32)
    return np.clip(arr, 0, 255)


def render_page(spec: PageSpec) -> Page:
    """Render `spec` into a finished scan and its text (deterministic per spec)."""
    rng = np.random.default_rng(spec.seed)
    wmm, hmm = PAPER_MM[spec.paper]
    size = (round(wmm / 25.4 * spec.dpi), round(hmm / 25.4 * spec.dpi))
    img = Image.new("L", size, 255)
    if spec.layout == "form":
        lines = _layout_form(img, spec, rng)
    else:
        lines = _layout_plain_or_ruled(img, spec, rng)
    scan, data = finish_scan(img, spec)
    return Page(spec, scan, "\n".join(lines), data)


def finish_scan(img: Image.Image, spec: PageSpec) -> tuple[Image.Image, bytes]:
    """What happens to a written page afterwards (`spec`'s skew, scan effects, tint, quarter
    turn, JPEG): the finished scan and its file's bytes. Deterministic per spec."""
    if spec.skew:
        img = img.rotate(spec.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    fx_rng = np.random.default_rng(spec.seed + 1)
    arr = _scan_effects(np.asarray(img, dtype=np.float32), spec, fx_rng)
    scan = Image.fromarray(arr.astype(np.uint8))
    if spec.color:
        tint = fx_rng.uniform(0.93, 1.0, 3)
        scan = Image.merge("RGB", [scan.point(lambda v, t=t: round(v * t)) for t in tint])
    ops = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180}
    ops[270] = Image.Transpose.ROTATE_270
    if spec.turn:
        scan = scan.transpose(ops[spec.turn])
    buf = io.BytesIO()
    if spec.jpeg:
        scan.save(buf, format="JPEG", quality=spec.jpeg, dpi=(spec.dpi, spec.dpi))
        buf.seek(0)
        scan = Image.open(buf)
        scan.load()
    else:
        scan.save(buf, format="PNG", dpi=(spec.dpi, spec.dpi), compress_level=1)
    return scan, buf.getvalue()


# -- the corpus -----------------------------------------------------------------------------


def _hard(name: str, kind: str, seed: int, **fields: Any) -> PageSpec:
    """Every degradation at once, each drawn from the issue's ranges."""
    rng = np.random.default_rng(seed)
    base = {
        "paper": ["A4", "A5"][seed % 2],
        "dpi": [200, 250, 300][seed % 3],
        "lighting": rng.uniform(0.2, 0.45),
        "vignette": rng.uniform(0.15, 0.35),
        "folds": int(rng.integers(1, 3)),
        "blur": rng.uniform(0.8, 1.4),
        "noise": rng.uniform(14, 21),
        "jpeg": int(rng.integers(25, 56)),
        "skew": round(float(rng.uniform(-3, 3)), 2),
        "color": bool(seed % 3 == 1),
    }
    base.update(fields)
    return PageSpec(name=name, kind=kind, seed=seed, **base)


def standard_corpus() -> list[PageSpec]:
    """The bench's pages: 8 clean printed, 12 hard printed, 8 hard handwriting-like (Kai with
    jitter), 4 hard boxed forms; 12 of them turned 90/180/270."""
    pages = []
    for i in range(8):
        pages.append(
            PageSpec(
                name=f"clean-{i + 1}",
                kind="clean printed",
                seed=100 + i,
                paper=["A4", "A5"][i % 2],
                dpi=[300, 200, 250, 300][i % 4],
                font=["sans", "serif"][i // 2 % 2],
                layout="ruled" if i == 5 else "plain",
                turn=[0, 0, 0, 90, 0, 0, 180, 0][i],
            )
        )
    hard_turns = [0, 90, 0, 180, 0, 0, 270, 0, 90, 0, 0, 180]
    for i, turn in enumerate(hard_turns):
        font = ["sans", "serif"][i % 2]
        layout = ["plain", "ruled"][i // 2 % 2]
        pages.append(
            _hard(f"hard-{i + 1}", "hard printed", 200 + i, font=font, layout=layout, turn=turn)
        )
    for i, turn in enumerate([0, 0, 90, 0, 180, 0, 270, 0]):
        layout = ["ruled", "plain"][i % 2]
        pages.append(
            _hard(
                f"hand-{i + 1}",
                "hard handwriting",
                300 + i,
                font="kai",
                jitter=True,
                layout=layout,
                turn=turn,
            )
        )
    for i, turn in enumerate([0, 90, 0, 180]):
        font, jitter = [("sans", False), ("kai", True)][i % 2]
        pages.append(
            _hard(
                f"form-{i + 1}",
                "hard form",
                400 + i,
                font=font,
                jitter=jitter,
                layout="form",
                turn=turn,
            )
        )
    return pages


def test_slice() -> list[PageSpec]:
    """A few hard A5 pages for the test suite: each layout and font, three turns, upright
    pages of each hard kind (the tests compare them with the raw engine)."""
    return [
        _hard("slice-printed", "hard printed", 501, paper="A5", dpi=200, layout="ruled"),
        _hard("slice-printed-90", "hard printed", 502, paper="A5", dpi=200, turn=90),
        _hard(
            "slice-hand",
            "hard handwriting",
            503,
            paper="A5",
            dpi=200,
            font="kai",
            jitter=True,
            layout="ruled",
        ),
        _hard(
            "slice-hand-270",
            "hard handwriting",
            504,
            paper="A5",
            dpi=250,
            font="kai",
            jitter=True,
            turn=270,
        ),
        _hard("slice-form-180", "hard form", 505, paper="A5", dpi=250, layout="form", turn=180),
        # the bench's hard-10: its small-copy line boxes cut a line-leading comma (read 0.33%
        # prepared against 0.00% raw until line ends were widened)
        _hard("slice-line-ends", "hard printed", 209, font="serif", layout="plain"),
    ]


def speed_set(paper: str, count: int) -> list[PageSpec]:
    """`count` pages on `paper` for the speed bench (A4 at 300 dpi, A5 at 300 and 200 dpi):
    hard printed, hard handwriting-like, hard form and clean in turn, every other one turned."""
    pages = []
    for i in range(count):
        dpi = 300 if paper == "A4" else (300, 200)[i % 2]
        name, turn, seed = f"speed-{paper}-{i + 1}", (0, 90, 0, 180)[i % 4], 700 + i
        kind = i % 4
        if kind == 0:
            spec = _hard(name, "hard printed", seed, paper=paper, dpi=dpi, turn=turn)
        elif kind == 1:
            spec = _hard(
                name,
                "hard handwriting",
                seed,
                paper=paper,
                dpi=dpi,
                turn=turn,
                font="kai",
                jitter=True,
                layout="ruled",
            )
        elif kind == 2:
            spec = _hard(name, "hard form", seed, paper=paper, dpi=dpi, turn=turn, layout="form")
        else:
            spec = PageSpec(name, "clean printed", seed, paper=paper, dpi=dpi, font="serif")
        pages.append(spec)
    return pages


# -- reading pages in a spawned process (cv2 and the engines stay out of the test process) --


def read_pages(
    engine_name: str, specs: list[PageSpec], raw: str = "upright", twins: bool = True
) -> dict[str, dict]:
    """Read each page prepared; the raw engine too on its `raw` pages ("upright", "all" or
    "none"); with `twins`, turned pages also as their upright twin. Run it in a spawned
    process (it loads the engine; cv2 must stay out of a process that runs Qt).

    Returns per page name: kind, turn, rotation, cer, seconds, detector_runs, boxes_found,
    lines_read (line crops recognised), lines_found (rows in the result), and where read,
    raw_cer and twin_cer.
    """
    import os
    import time

    os.environ["OMP_THREAD_LIMIT"] = "1"  # as in the OCR workers
    from station_app.ocr.engines import get_engine
    from station_app.ocr.metrics import char_error_rate
    from station_app.ocr.pipeline import read_page

    engine = get_engine(engine_name, threads=1)
    calls = _count_engine_calls(engine)
    out: dict[str, dict] = {}
    for spec in specs:
        page = render_page(spec)
        calls.update(det=0, boxes=0, lines=0)
        started = time.perf_counter()
        prepared, result = read_page(engine, page.image)
        row = {
            "kind": spec.kind,
            "turn": spec.turn,
            "rotation": prepared.rotation,
            "cer": char_error_rate(result.text, page.text),
            "seconds": time.perf_counter() - started,
            "detector_runs": calls["det"],
            "boxes_found": calls["boxes"],
            "lines_read": calls["lines"],
            "lines_found": len(result.lines),
        }
        if spec.turn and twins:
            twin = render_page(spec.upright())
            _, twin_result = read_page(engine, twin.image)
            row["twin_cer"] = char_error_rate(twin_result.text, page.text)
        if raw == "all" or (raw == "upright" and not spec.turn):
            _, raw_result = read_page(engine, page.image, prepare=False)
            row["raw_cer"] = char_error_rate(raw_result.text, page.text)
        out[spec.name] = row
    return out


def _count_engine_calls(engine: Any) -> dict[str, int]:
    """Count detector runs, the boxes they found and the line crops recognised, for a RapidOCR
    engine (tesseract's own reading is not counted)."""
    calls = {"det": 0, "boxes": 0, "lines": 0}
    rapid = getattr(engine, "_ocr", None)
    if rapid is None:
        return calls
    detect, recognise = rapid.text_det, rapid.text_rec

    def counted_det(img: Any) -> Any:
        calls["det"] += 1
        boxes, elapsed = detect(img)
        calls["boxes"] += 0 if boxes is None else len(boxes)
        return boxes, elapsed

    def counted_rec(crops: Any, *args: Any) -> Any:
        calls["lines"] += len(crops)
        return recognise(crops, *args)

    rapid.text_det, rapid.text_rec = counted_det, counted_rec
    return calls


# -- numbers --------------------------------------------------------------------------------

# what a reply depends on and a recogniser shown squeezed lines loses first: runs of the
# same digit (CTC needs a blank between two equal characters), with full-width punctuation
NUMBER_LINES = [
    "联系电话：13800001111",
    "手机13311112222，座机021-66668888",
    "邮编200000，门牌1001号1101室",
    "2026年11月11日",
    "第11栋1111室，电话18888888888",
    "请于12月22日前回复：139 9999 0000",
]


def number_sheet(font: str, size: int, seed: int) -> Image.Image:
    """`NUMBER_LINES` in `font` at `size` px (28 px is a 10 pt line at 200 dpi), blurred
    and noisy as a poor scan."""
    img = Image.new("L", (size * 22, size * 2 * len(NUMBER_LINES) + 2 * size), 255)
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(NUMBER_LINES):
        draw.text((size, size + i * size * 2), text, fill=30, font=_font(font, size))
    img = img.filter(ImageFilter.GaussianBlur(1.0))
    noise = np.random.default_rng(seed).normal(0, 14, (img.height, img.width))
    return Image.fromarray(np.clip(np.asarray(img, np.float32) + noise, 0, 255).astype(np.uint8))
