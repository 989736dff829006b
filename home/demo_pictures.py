"""Pictures for the demo site, drawn here with Pillow (nothing is downloaded).

Each picture is a simple flat illustration of its subject (a meeting table, a choir, an archery target, a
Bilgi Evi with children, a park on 15 July, the call centre's channels, the employment centre's years) in
the colours of its assembly, with a caption band. `draw(scene, colours, caption)` returns JPEG bytes.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 675
CAPTION_HEIGHT = 92
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SKIN = ["#f1c9a5", "#d9a47a", "#b5835a", "#8d5a3b"]
CLOTHES = ["#e76f51", "#2a9d8f", "#e9c46a", "#264653", "#f4a261", "#6d597a", "#457b9d", "#b56576"]
TURKISH_RED = "#e30a17"


def draw(scene, colours, caption, seed=""):
    """The picture of `scene` in `colours` (dark, light), with `caption` in a band at the bottom, as JPEG.

    `seed` varies the people's clothes between two pictures of one scene.
    """
    dark, light = colours
    canvas = Image.new("RGB", (WIDTH, HEIGHT), "white")
    pen = ImageDraw.Draw(canvas)
    ground = HEIGHT - CAPTION_HEIGHT - 120
    _sky(pen, light, ground)
    pen.rectangle([0, ground, WIDTH, HEIGHT], fill=_mix(dark, "#ffffff", 0.55))
    SCENES[scene](pen, random.Random(seed or scene), dark, light, ground)
    _caption(pen, caption, dark)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


# Scenes


def _city(pen, rng, dark, light, ground):
    """Ümraniye's skyline behind the council hall, with people walking in front."""
    x = 0
    while x < WIDTH:
        width, height = rng.randint(70, 130), rng.randint(150, 330)
        _building(pen, x, ground, width, height, _mix(dark, "#ffffff", rng.uniform(0.15, 0.45)), rng)
        x += width + rng.randint(4, 18)
    # The hall: columns under a pediment.
    left, right, top = 380, 820, ground - 210
    pen.rectangle([left, top, right, ground], fill="#f4efe6", outline=dark, width=4)
    pen.polygon([(left - 30, top), ((left + right) // 2, top - 90), (right + 30, top)], fill=dark)
    for column in range(7):
        cx = left + 35 + column * 62
        pen.rectangle([cx, top + 30, cx + 22, ground - 10], fill=_mix(dark, "#ffffff", 0.75))
    pen.rectangle([left - 30, ground - 18, right + 30, ground], fill=_mix(dark, "#ffffff", 0.3))
    for position in (120, 250, 960, 1080):
        _person(pen, position, ground + 95, 0.9, rng)


def _meeting(pen, rng, dark, light, ground):
    """A working group around a table, a flip chart with a rising chart beside it."""
    _banner(pen, 260, 70, 680, dark)
    for seat in range(6):
        _person(pen, 220 + seat * 125, ground + 20, 1.15, rng)
    pen.rounded_rectangle([150, ground - 10, 960, ground + 60], 18, fill="#8d6e63")
    pen.rectangle([150, ground + 60, 960, ground + 75], fill="#6d4c41")
    for cup in range(5):
        cx = 240 + cup * 150
        pen.rectangle([cx, ground - 28, cx + 18, ground - 10], fill="white", outline=dark, width=2)
    # Flip chart.
    pen.line([(1030, ground - 230), (1000, ground + 90)], fill="#5d4037", width=8)
    pen.line([(1030, ground - 230), (1090, ground + 90)], fill="#5d4037", width=8)
    pen.rectangle([960, ground - 240, 1120, ground - 60], fill="white", outline=dark, width=4)
    for bar, height in enumerate((40, 70, 95, 130)):
        pen.rectangle([980 + bar * 35, ground - 75 - height, 1005 + bar * 35, ground - 75], fill=dark)


def _youth(pen, rng, dark, light, ground):
    """Young people with speech bubbles and one bright idea."""
    for index, x in enumerate(range(150, 1100, 160)):
        _person(pen, x, ground + 70, 1.1 + (index % 2) * 0.1, rng)
    bubbles = [(100, 110), (420, 60), (760, 100)]
    for bx, by in bubbles:
        pen.rounded_rectangle([bx, by, bx + 230, by + 110], 30, fill="white", outline=dark, width=5)
        pen.polygon([(bx + 60, by + 108), (bx + 110, by + 108), (bx + 70, by + 150)], fill="white")
        for line in range(3):
            pen.line([(bx + 30, by + 30 + line * 25), (bx + 200 - line * 40, by + 30 + line * 25)], fill=dark, width=8)
    # The idea: a light bulb with rays.
    cx, cy = 1060, 150
    for angle in range(8):
        dx, dy = [(1, 0), (0.7, 0.7), (0, 1), (-0.7, 0.7), (-1, 0), (-0.7, -0.7), (0, -1), (0.7, -0.7)][angle]
        pen.line([(cx + dx * 75, cy + dy * 75), (cx + dx * 105, cy + dy * 105)], fill="#f4a261", width=8)
    pen.ellipse([cx - 55, cy - 60, cx + 55, cy + 50], fill="#ffd166", outline=dark, width=5)
    pen.rectangle([cx - 25, cy + 45, cx + 25, cy + 80], fill="#adb5bd", outline=dark, width=4)


def _children(pen, rng, dark, light, ground):
    """Children with balloons in front of a Bilgi Evi, books on its shelf."""
    left, right, top = 120, 560, ground - 250
    pen.rectangle([left, top, right, ground + 40], fill="#fff3e0", outline=dark, width=5)
    pen.polygon([(left - 40, top), ((left + right) // 2, top - 120), (right + 40, top)], fill=dark)
    pen.rectangle([290, ground - 100, 390, ground + 40], fill="#8d6e63")
    for shelf in range(2):
        y = top + 50 + shelf * 70
        pen.rectangle([150, y + 50, 270, y + 56], fill="#6d4c41")
        for book in range(6):
            pen.rectangle([155 + book * 19, y + 8, 170 + book * 19, y + 50], fill=CLOTHES[(book + shelf) % 8])
    pen.rectangle([420, top + 55, 530, top + 145], fill="#bde0fe", outline=dark, width=4)
    for index, x in enumerate(range(660, 1140, 110)):
        _person(pen, x, ground + 80, 0.8, rng)
        colour = CLOTHES[(index * 3) % 8]
        bx, by = x + 40, ground - 200 - (index % 2) * 50
        pen.line([(x + 28, ground - 20), (bx, by + 50)], fill="#555555", width=2)
        pen.ellipse([bx - 30, by - 40, bx + 30, by + 50], fill=colour)


def _choir(pen, rng, dark, light, ground):
    """The Disabled People's Choir on stage: two rows of singers, a wheelchair user in front, notes above."""
    pen.rectangle([60, ground - 20, WIDTH - 60, ground + 40], fill="#6d4c41")
    for x in range(200, 1050, 120):
        _person(pen, x, ground - 40, 0.95, rng)
    for x in (260, 500, 740, 980):
        _person(pen, x, ground + 90, 1.05, rng)
    _wheelchair(pen, 610, ground + 95, dark)
    for index in range(7):
        x, y = 120 + index * 150, 70 + (index % 3) * 45
        pen.ellipse([x, y + 40, x + 34, y + 66], fill=dark)
        pen.line([(x + 32, y + 52), (x + 32, y - 10)], fill=dark, width=6)
        pen.line([(x + 32, y - 10), (x + 60, y + 8)], fill=dark, width=6)


def _archery(pen, rng, dark, light, ground):
    """An archery target with arrows in it, and an archer in a wheelchair."""
    cx, cy = 820, ground - 150
    for ring, colour in enumerate(["white", "#222222", "#1e88e5", "#e53935", "#fdd835"]):
        radius = 200 - ring * 40
        pen.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=colour, outline="#333333", width=3)
    pen.polygon(
        [(cx - 120, ground + 60), (cx - 60, cy + 150), (cx + 60, cy + 150), (cx + 120, ground + 60)], fill="#8d6e63"
    )
    pen.ellipse([cx - 195, cy - 195, cx + 195, cy + 195], outline="#333333", width=3)
    for dx, dy in [(-10, 5), (25, -20), (-45, 40)]:
        pen.line([(cx + dx, cy + dy), (cx + dx - 130, cy + dy - 50)], fill="#5d4037", width=6)
        pen.polygon(
            [(cx + dx - 130, cy + dy - 50), (cx + dx - 160, cy + dy - 72), (cx + dx - 150, cy + dy - 42)], fill=dark
        )
    _wheelchair(pen, 250, ground + 90, dark)
    pen.arc([300, ground - 170, 420, ground + 10], 270, 90, fill="#5d4037", width=8)
    pen.line([(360, ground - 170), (360, ground + 10)], fill="#333333", width=2)


def _seniors(pen, rng, dark, light, ground):
    """A park on 15 July: flags on a line, trees, a bench and seniors with walking sticks."""
    pen.line([(0, 90), (WIDTH, 60)], fill="#555555", width=3)
    for index in range(9):
        x = 40 + index * 135
        y = 90 - index * 30 // 9
        _flag(pen, x, y + 4, 90)
    for x in (90, 1000, 1130):
        _tree(pen, x, ground + 30, rng)
    pen.rectangle([420, ground + 5, 760, ground + 22], fill="#8d6e63")
    pen.rectangle([420, ground - 45, 760, ground - 30], fill="#8d6e63")
    for leg in (440, 730):
        pen.rectangle([leg, ground + 22, leg + 12, ground + 70], fill="#5d4037")
    for x in (500, 660):
        _person(pen, x, ground + 20, 1.0, rng, hair="#d9d9d9")
    for x in (280, 880):
        _person(pen, x, ground + 95, 1.05, rng, hair="#d9d9d9")
        pen.line([(x + 48, ground - 30), (x + 60, ground + 95)], fill="#5d4037", width=6)


def _call_centre(pen, rng, dark, light, ground):
    """The 2020 cases by channel as a bar chart, beside a headset."""
    channels = [("Telefon", 62979), ("İBB", 12070), ("İnternet", 7750), ("CİMER", 6563), ("Şahsen", 1471)]  # seed CSV
    top, bottom, left = 70, ground + 80, 120
    font = ImageFont.truetype(FONT_REGULAR, 24)
    pen.rounded_rectangle([left - 40, top - 30, 760, bottom + 50], 24, fill="white")
    for index, (name, count) in enumerate(channels):
        x = left + index * 125
        height = (bottom - top - 40) * count / channels[0][1]
        pen.rectangle([x, bottom - height, x + 80, bottom], fill=dark if index else TURKISH_RED)
        pen.text((x + 40, bottom + 22), name, fill="#222222", font=font, anchor="mm")
    cx, cy = 960, ground - 140
    pen.arc([cx - 130, cy - 150, cx + 130, cy + 110], 180, 360, fill=dark, width=22)
    pen.rounded_rectangle([cx - 160, cy - 30, cx - 100, cy + 80], 20, fill=dark)
    pen.rounded_rectangle([cx + 100, cy - 30, cx + 160, cy + 80], 20, fill=dark)
    pen.line([(cx - 130, cy + 70), (cx - 60, cy + 150)], fill=dark, width=10)
    pen.ellipse([cx - 75, cy + 135, cx - 35, cy + 170], fill=dark)
    pen.text((cx, cy + 210), "444 9 822", fill=dark, font=ImageFont.truetype(FONT, 52), anchor="mm")


def _employment(pen, rng, dark, light, ground):
    """People referred to jobs by the employment centre each year, 2016–2020, and a briefcase."""
    years = [("2016", 13929), ("2017", 17319), ("2018", 18626), ("2019", 19801), ("2020", 14005)]  # seed CSV
    top, bottom, left = 80, ground + 80, 120
    font = ImageFont.truetype(FONT_REGULAR, 26)
    pen.rounded_rectangle([left - 40, top - 40, 770, bottom + 55], 24, fill="white")
    for index, (year, count) in enumerate(years):
        x = left + index * 128
        height = (bottom - top - 30) * count / 19801
        pen.rectangle([x, bottom - height, x + 84, bottom], fill=dark)
        pen.text((x + 42, bottom + 24), year, fill="#222222", font=font, anchor="mm")
    cx, cy = 975, ground - 60
    pen.rounded_rectangle([cx - 60, cy - 150, cx + 60, cy - 100], 16, outline="#5d4037", width=14)
    pen.rounded_rectangle([cx - 170, cy - 115, cx + 170, cy + 110], 24, fill="#8d6e63")
    pen.rectangle([cx - 170, cy - 20, cx + 170, cy - 5], fill="#6d4c41")
    pen.rectangle([cx - 25, cy - 35, cx + 25, cy + 10], fill="#fdd835")


SCENES = {
    "city": _city,
    "meeting": _meeting,
    "youth": _youth,
    "children": _children,
    "choir": _choir,
    "archery": _archery,
    "seniors": _seniors,
    "call_centre": _call_centre,
    "employment": _employment,
}


# Pieces


def _sky(pen, light, ground):
    for y in range(ground):
        pen.line([(0, y), (WIDTH, y)], fill=_mix(light, "#ffffff", 0.25 + 0.6 * y / ground))


def _person(pen, x, feet, scale, rng, hair=None):
    """A standing figure, feet at `feet`: a rounded body and a head."""
    body = CLOTHES[rng.randrange(len(CLOTHES))]
    skin = SKIN[rng.randrange(len(SKIN))]
    w, h, r = 70 * scale, 120 * scale, 26 * scale
    pen.rounded_rectangle([x, feet - h, x + w, feet], int(28 * scale), fill=body)
    cx, cy = x + w / 2, feet - h - r - 4 * scale
    pen.ellipse([cx - r, cy - r, cx + r, cy + r], fill=skin)
    hair = hair or rng.choice(["#2b2b2b", "#4e342e", "#6d4c41", "#212121"])
    pen.chord([cx - r, cy - r, cx + r, cy + r], 180, 360, fill=hair)


def _wheelchair(pen, x, y, colour):
    """A person in a wheelchair; (x, y) is where the big wheel touches the ground."""
    pen.ellipse([x - 60, y - 120, x + 60, y], outline=colour, width=10)
    pen.ellipse([x + 80, y - 30, x + 110, y], outline=colour, width=8)
    pen.line([(x - 10, y - 80), (x + 95, y - 80), (x + 95, y - 30)], fill=colour, width=10)
    pen.line([(x - 20, y - 80), (x - 20, y - 170)], fill=colour, width=10)
    pen.rounded_rectangle([x - 15, y - 200, x + 50, y - 80], 20, fill="#457b9d")
    pen.line([(x + 40, y - 85), (x + 95, y - 85), (x + 100, y - 35)], fill="#264653", width=16)
    pen.ellipse([x - 6, y - 260, x + 44, y - 210], fill=SKIN[1])


def _building(pen, x, ground, width, height, colour, rng):
    pen.rectangle([x, ground - height, x + width, ground], fill=colour)
    for row in range(ground - height + 18, ground - 30, 34):
        for column in range(x + 12, x + width - 20, 28):
            lit = rng.random() < 0.35
            pen.rectangle([column, row, column + 14, row + 18], fill="#fff3b0" if lit else "#e8eef3")


def _tree(pen, x, ground, rng):
    pen.rectangle([x - 10, ground - 140, x + 10, ground], fill="#6d4c41")
    for dx, dy, r in [(-40, -170, 60), (35, -175, 55), (0, -220, 65)]:
        pen.ellipse([x + dx - r, ground + dy - r, x + dx + r, ground + dy + r], fill="#43a047")


def _flag(pen, x, y, width):
    """The Turkish flag: a white crescent and star on red."""
    height = int(width * 2 / 3)
    pen.rectangle([x, y, x + width, y + height], fill=TURKISH_RED)
    cy = y + height / 2
    r1, r2 = height * 0.25, height * 0.2
    c1 = x + width * 0.33
    pen.ellipse([c1 - r1, cy - r1, c1 + r1, cy + r1], fill="white")
    c2 = c1 + height * 0.0625 * 1.0 + r1 - r2
    pen.ellipse([c2 - r2, cy - r2, c2 + r2, cy + r2], fill=TURKISH_RED)
    sx, sr = c2 + r2 * 0.9, height * 0.125
    points = []
    for index in range(10):
        radius = sr if index % 2 == 0 else sr * 0.4
        angle = math.pi * index / 5
        points.append((sx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    pen.polygon(points, fill="white")


def _banner(pen, x, y, width, colour):
    pen.rectangle([x, y, x + width, y + 70], fill=colour)
    for index in range(8):
        pen.ellipse([x + 40 + index * 85, y + 25, x + 60 + index * 85, y + 45], fill="white")


def _caption(pen, caption, dark):
    top = HEIGHT - CAPTION_HEIGHT
    pen.rectangle([0, top, WIDTH, HEIGHT], fill=dark)
    size = 40
    font = ImageFont.truetype(FONT, size)
    while pen.textlength(caption, font=font) > WIDTH - 80 and size > 22:
        size -= 2
        font = ImageFont.truetype(FONT, size)
    pen.text((40, top + CAPTION_HEIGHT / 2), caption, fill="white", font=font, anchor="lm")


def _mix(first, second, share):
    a = [int(first[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(second[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
