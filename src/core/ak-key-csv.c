/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-csv"

#include "config.h"

#include <string.h>

#include "ak-key.h"
#include "ak-key-csv.h"

/* Keys as CSV, for a spreadsheet or a script: one header row, then one row
 * per key, with the columns ID, Kind, Name, Owner, Project, Expires, Flags.
 * An AkKey holds no secret, so none can be written.
 *
 * What is written, and why:
 * - The header and the Kind and Flags columns are stable English words
 *   ("ec2", "application-credential"; the flags' nicks, "expired;unusable"),
 *   not translations: the file is read by scripts and by colleagues with
 *   other languages, and a column named differently in each locale would
 *   break both. The names, owners and projects are the server's own text.
 * - RFC 4180: fields separated by commas, rows ending in CRLF; a field with
 *   a comma, a double quote, a CR or an LF is quoted, its quotes doubled.
 * - Expires is ISO 8601 in UTC ("2027-03-02T10:00:00Z"), empty for never.
 * - Spreadsheet formulas: a field starting with =, +, -, @, a tab or a CR
 *   would be run as a formula by Excel, LibreOffice or Google Sheets (a
 *   key's name is chosen by whoever made it). Such a field gets a leading
 *   apostrophe, which spreadsheets show as text, and is quoted.
 * - Bidirectional controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)
 *   can make a name read as something else, or spill over the next fields
 *   in a text editor, as in "Trojan Source". They are written visibly, as
 *   "<U+202E>", and the field quoted: a person comparing a name sees what
 *   is in it, and a hidden control in a key's name is worth seeing. Other
 *   text, right-to-left scripts included, is written as it is.
 * - No byte-order mark: UTF-8 without one is what RFC 4180's successors and
 *   most scripts expect. */

static const char *columns[] = {
  "ID", "Kind", "Name", "Owner", "Project", "Expires", "Flags",
};

static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static void
append_field (GString    *csv,
              const char *text)
{
  gboolean quote = FALSE;
  gboolean formula;
  g_autoptr(GString) field = g_string_new (NULL);

  if (text == NULL)
    text = "";

  formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  if (formula)
    {
      g_string_append_c (field, '\'');
      quote = TRUE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_bidi_control (c))
        {
          g_string_append_printf (field, "<U+%04X>", c);
          quote = TRUE;
          continue;
        }

      if (c == '"')
        g_string_append_c (field, '"');
      if (c == '"' || c == ',' || c == '\r' || c == '\n')
        quote = TRUE;
      g_string_append_len (field, p, g_utf8_next_char (p) - p);
    }

  if (quote)
    g_string_append_c (csv, '"');
  g_string_append_len (csv, field->str, field->len);
  if (quote)
    g_string_append_c (csv, '"');
}

static char *
format_flags (AkKeyFlags flags)
{
  GString *text = g_string_new (NULL);

  for (guint bit = 1; bit <= AK_KEY_FLAGS_ALL; bit <<= 1)
    if (flags & bit)
      {
        if (text->len > 0)
          g_string_append_c (text, ';');
        g_string_append (text, ak_key_flag_get_nick ((AkKeyFlags) bit));
      }

  return g_string_free (text, FALSE);
}

static void
append_key (GString *csv,
            AkKey   *key)
{
  GDateTime *expires_at = ak_key_get_expires_at (key);
  g_autofree char *expires = NULL;
  g_autofree char *flags = format_flags (ak_key_get_flags (key));
  const char *kind = ak_key_get_kind (key) == AK_KEY_KIND_EC2 ? "ec2" : "application-credential";

  if (expires_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (expires_at);

      expires = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }

  append_field (csv, ak_key_get_id (key));
  g_string_append_c (csv, ',');
  append_field (csv, kind);
  g_string_append_c (csv, ',');
  append_field (csv, ak_key_get_name (key));
  g_string_append_c (csv, ',');
  append_field (csv, ak_key_get_owner (key));
  g_string_append_c (csv, ',');
  append_field (csv, ak_key_get_project (key));
  g_string_append_c (csv, ',');
  append_field (csv, expires);
  g_string_append_c (csv, ',');
  append_field (csv, flags);
  g_string_append (csv, "\r\n");
}

/**
 * ak_key_csv_format:
 * @keys: a #GListModel of #AkKey
 * @length: (out) (optional): where to put the length of the text
 *
 * Returns: (transfer full): @keys as CSV, a header row first, in UTF-8
 */
char *
ak_key_csv_format (GListModel *keys,
                   gsize      *length)
{
  GString *csv;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (keys), NULL);

  csv = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, columns[i]);
    }
  g_string_append (csv, "\r\n");

  n = g_list_model_get_n_items (keys);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (keys, i);

      append_key (csv, key);
    }

  if (length != NULL)
    *length = csv->len;

  return g_string_free (csv, FALSE);
}
