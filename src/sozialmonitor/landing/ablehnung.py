"""A whole delivery file is rejected: the reason a person reads, naming file, row and rule."""


class Ablehnung(Exception):
    def __init__(self, datei: str, regel: str, text: str, zeile: int | None = None):
        self.datei, self.regel, self.zeile = datei, regel, zeile
        where = f"{datei} Zeile {zeile}" if zeile is not None else datei
        super().__init__(f"{where}: {regel} – {text}")


class Verweigerung(Ablehnung):
    """Refused unread (a link, no regular file, unreadable): nothing of it is copied anywhere."""
