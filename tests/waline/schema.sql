-- Waline's tables for SQLite (the columns its models read and write; the
-- npm package ships no schema). Created by tests/waline/server.cjs when the
-- database file is new.
CREATE TABLE IF NOT EXISTS wl_Comment (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER,
  comment TEXT,
  insertedAt DATETIME DEFAULT (datetime('now', 'localtime')),
  ip TEXT,
  link TEXT,
  mail TEXT,
  nick TEXT,
  rid INTEGER,
  pid INTEGER,
  sticky NUMERIC,
  status TEXT NOT NULL,
  "like" INTEGER,
  ua TEXT,
  url TEXT,
  createdAt DATETIME DEFAULT (datetime('now', 'localtime')),
  updatedAt DATETIME DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE IF NOT EXISTS wl_Counter (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time INTEGER,
  reaction0 INTEGER, reaction1 INTEGER, reaction2 INTEGER,
  reaction3 INTEGER, reaction4 INTEGER, reaction5 INTEGER,
  reaction6 INTEGER, reaction7 INTEGER, reaction8 INTEGER,
  url TEXT,
  createdAt DATETIME DEFAULT (datetime('now', 'localtime')),
  updatedAt DATETIME DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE IF NOT EXISTS wl_Users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  display_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  password TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  label TEXT, github TEXT, twitter TEXT, facebook TEXT, google TEXT,
  weibo TEXT, qq TEXT, oidc TEXT, huawei TEXT, "2fa" TEXT,
  avatar TEXT, url TEXT,
  createdAt DATETIME DEFAULT (datetime('now', 'localtime')),
  updatedAt DATETIME DEFAULT (datetime('now', 'localtime'))
);
