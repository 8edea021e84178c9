/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-history"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ak-history.h"
#include "ak-history-entry-private.h"

/* The local record of every create, delete and restore: one JSON object per
 * line in an append-only file under the user's state folder, which only the
 * user may read (the folder 0700, the file 0600). It holds what identifies
 * a key and an account, never a secret.
 *
 * A line is added with a single write() to a file opened with O_APPEND, so
 * one append is cheap enough for the main thread and never rewrites what is
 * there. The file is read once, the first time the entries are asked for.
 * A line that is not an entry (the file was damaged, or a crash cut a write
 * short) makes the whole file move aside, untouched, as
 * history.jsonl.corrupt-<UTC time>; a new file is started with the entries
 * that could be read, so the view loses none of them and nothing is lost on
 * disk either. */

struct _AkHistory
{
  GObject     parent_instance;

  /* Owned references */
  char       *path;
  /* Newest first; filled when first asked for. */
  GListStore *entries;

  guint       loaded : 1;
};

G_DEFINE_FINAL_TYPE (AkHistory, ak_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ak_history_finalize (GObject *object)
{
  AkHistory *self = AK_HISTORY (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (ak_history_parent_class)->finalize (object);
}

static void
ak_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AkHistory *self = AK_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AkHistory *self = AK_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      if (self->path == NULL)
        self->path = ak_history_dup_default_path ();
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_history_class_init (AkHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ak_history_finalize;
  object_class->get_property = ak_history_get_property;
  object_class->set_property = ak_history_set_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_history_init (AkHistory *self)
{
  self->entries = g_list_store_new (AK_TYPE_HISTORY_ENTRY);
}

/**
 * ak_history_new:
 * @path: (nullable): the file, or %NULL for ak_history_dup_default_path()
 *
 * Returns: (transfer full): the history kept in @path; nothing is read or
 *   written yet
 */
AkHistory *
ak_history_new (const char *path)
{
  return g_object_new (AK_TYPE_HISTORY,
                       "path", path,
                       NULL);
}

/**
 * ak_history_dup_default_path:
 *
 * Returns: (transfer full): the user's history file,
 *   `$XDG_STATE_HOME/access-keys/history.jsonl`
 */
char *
ak_history_dup_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), GETTEXT_PACKAGE, "history.jsonl", NULL);
}

const char *
ak_history_get_path (AkHistory *self)
{
  g_return_val_if_fail (AK_IS_HISTORY (self), NULL);

  return self->path;
}

static gboolean
ensure_folder (AkHistory  *self,
               GError    **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
               "Could not make the folder %s: %s", folder, g_strerror (errno));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s",
                       g_strerror (errno));
          return FALSE;
        }
      data += written;
      length -= written;
    }

  return TRUE;
}

/* Adds one line at the end of the file, in one write. */
static gboolean
append_line (AkHistory   *self,
             const char  *json,
             GError     **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  struct stat st;
  gboolean ok;
  int fd;

  if (!ensure_folder (self, error))
    return FALSE;

  fd = g_open (self->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
      return FALSE;
    }

  /* A write a crash cut short left a line without its newline: this one
   * starts on a line of its own, so the torn one stays apart (and the next
   * read moves the file aside with it). */
  if (fstat (fd, &st) == 0 && st.st_size > 0)
    {
      char last = '\n';

      if (pread (fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
        g_string_append_c (line, '\n');
    }

  g_string_append (line, json);
  g_string_append_c (line, '\n');

  ok = write_all (fd, line->str, line->len, error);
  if (close (fd) != 0 && ok)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
      ok = FALSE;
    }

  return ok;
}

/* A name beside the file that nothing has yet. */
static char *
dup_aside_path (AkHistory *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *path = g_strdup_printf ("%s.corrupt-%s", self->path, stamp);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s.corrupt-%s-%u", self->path, stamp, n);
    }

  return path;
}

/* Moves the file aside as it is, and starts a new one with @readable, the
 * lines that were entries, byte for byte. */
static void
move_aside (AkHistory  *self,
            GString    *readable,
            guint       n_readable,
            guint       n_unreadable)
{
  g_autofree char *aside = dup_aside_path (self);
  g_autoptr(GError) error = NULL;

  if (g_rename (self->path, aside) != 0)
    {
      /* Left where it is: appends still go on, and the next run tries again. */
      g_debug ("The history file %s has %u unreadable lines, and could not be moved aside: %s",
               self->path, n_unreadable, g_strerror (errno));
      return;
    }

  if (n_readable > 0 &&
      !g_file_set_contents_full (self->path, readable->str, readable->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_debug ("The history file %s had %u unreadable lines and was moved aside as %s; "
               "a new one could not be started: %s",
               self->path, n_unreadable, aside, error->message);
      return;
    }

  g_debug ("The history file %s had %u unreadable lines: moved aside as %s, and a new one "
           "started with its %u readable entries",
           self->path, n_unreadable, aside, n_readable);
}

static void
load (AkHistory *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) readable = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n_unreadable = 0;
  const char *line;
  const char *end;

  self->loaded = TRUE;

  if (!g_file_get_contents (self->path, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Could not read the history file %s: %s", self->path, error->message);
      return;
    }

  end = contents + length;
  for (line = contents; line < end;)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *line_end = newline != NULL ? newline : end;
      AkHistoryEntry *entry;

      /* A blank line holds nothing to lose. */
      if (line_end > line)
        {
          entry = _ak_history_entry_new_from_json (parser, line, line_end - line, NULL);
          if (entry != NULL)
            {
              g_ptr_array_add (entries, entry);
              g_string_append_len (readable, line, line_end - line);
              g_string_append_c (readable, '\n');
            }
          else
            {
              n_unreadable++;
            }
        }

      line = newline != NULL ? newline + 1 : end;
    }

  if (n_unreadable > 0)
    move_aside (self, readable, entries->len, n_unreadable);

  /* The file is oldest first; the list newest first. */
  for (guint i = 0; i < entries->len / 2; i++)
    {
      gpointer swap = entries->pdata[i];

      entries->pdata[i] = entries->pdata[entries->len - 1 - i];
      entries->pdata[entries->len - 1 - i] = swap;
    }
  g_list_store_splice (self->entries, 0, 0, entries->pdata, entries->len);
}

/**
 * ak_history_record:
 * @self: an #AkHistory
 * @result: the result of a create, delete or restore
 * @account: (nullable): the account it was in
 *
 * Adds @result to the end of the file, unless it is not final
 * (%AK_KEY_OUTCOME_CHECKING: another result follows). A file that cannot be
 * written is said in the log only: the change itself went through.
 *
 * Returns: whether it was recorded
 */
gboolean
ak_history_record (AkHistory   *self,
                   AkKeyResult *result,
                   AkAccount   *account)
{
  g_autoptr(AkHistoryEntry) entry = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (AK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (AK_IS_KEY_RESULT (result), FALSE);
  g_return_val_if_fail (!account || AK_IS_ACCOUNT (account), FALSE);

  if (!ak_key_result_is_final (result))
    return FALSE;

  now = g_date_time_new_now_utc ();
  entry = _ak_history_entry_new (result, account, now);
  json = _ak_history_entry_to_json (entry);

  if (!append_line (self, json, &error))
    {
      g_message ("Could not add to the history file %s: %s", self->path, error->message);
      return FALSE;
    }

  /* Once read, the list follows the file; before, the file is the list. */
  if (self->loaded)
    g_list_store_insert (self->entries, 0, entry);

  return TRUE;
}

/**
 * ak_history_get_entries:
 * @self: an #AkHistory
 *
 * Reads the file the first time.
 *
 * Returns: (transfer none): the #GListModel of #AkHistoryEntry, newest first
 */
GListModel *
ak_history_get_entries (AkHistory *self)
{
  g_return_val_if_fail (AK_IS_HISTORY (self), NULL);

  if (!self->loaded)
    load (self);

  return G_LIST_MODEL (self->entries);
}

/* Whether a spreadsheet would take a cell starting with @value for a
 * formula: = + - @, a tab or a carriage return, or their full-width forms,
 * which some spreadsheets read the same way. */
static gboolean
looks_like_formula (const char *value)
{
  static const char * const starts[] = {
    "=", "+", "-", "@", "\t", "\r",
    "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    if (g_str_has_prefix (value, starts[i]))
      return TRUE;

  return FALSE;
}

/* One field as RFC 4180 has it, and never a formula. */
static void
append_csv_field (GString    *csv,
                  const char *value)
{
  gboolean formula = looks_like_formula (value);
  gboolean quote = strpbrk (value, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }

  if (quote)
    g_string_append_c (csv, '"');
}

/**
 * ak_history_dup_csv:
 * @self: an #AkHistory
 *
 * The entries, newest first, as CSV (RFC 4180, UTF-8 with a byte order
 * mark so that spreadsheets read the names right), under a row of column
 * headings. A value a spreadsheet would run as a formula starts with an
 * apostrophe.
 *
 * Returns: (transfer full): the CSV text
 */
GBytes *
ak_history_dup_csv (AkHistory *self)
{
  GListModel *entries;
  GString *csv;
  guint n_columns = _ak_history_entry_get_n_columns ();
  guint n;

  g_return_val_if_fail (AK_IS_HISTORY (self), NULL);

  entries = ak_history_get_entries (self);
  n = g_list_model_get_n_items (entries);
  csv = g_string_new ("\xEF\xBB\xBF");

  for (guint column = 0; column < n_columns; column++)
    {
      if (column > 0)
        g_string_append_c (csv, ',');
      append_csv_field (csv, _ak_history_entry_get_column_title (column));
    }
  g_string_append (csv, "\r\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkHistoryEntry) entry = g_list_model_get_item (entries, i);

      for (guint column = 0; column < n_columns; column++)
        {
          g_autofree char *value = _ak_history_entry_dup_column (entry, column);

          if (column > 0)
            g_string_append_c (csv, ',');
          append_csv_field (csv, value);
        }
      g_string_append (csv, "\r\n");
    }

  return g_string_free_to_bytes (csv);
}

/**
 * ak_history_export_csv:
 * @self: an #AkHistory
 * @path: where to write, replacing what is there
 * @error: a location for a #GError
 *
 * Writes ak_history_dup_csv() to @path.
 *
 * Returns: whether it was written
 */
gboolean
ak_history_export_csv (AkHistory   *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GBytes) csv = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (AK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = ak_history_dup_csv (self);
  data = g_bytes_get_data (csv, &length);

  return g_file_set_contents (path, data, length, error);
}

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ak_history_export_csv_async:
 * @self: an #AkHistory
 * @file: where to write, replacing what is there
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is written, or could not be
 * @user_data: closure data for @callback
 *
 * Writes ak_history_dup_csv() to @file without blocking.
 */
void
ak_history_export_csv_async (AkHistory           *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) csv = NULL;

  g_return_if_fail (AK_IS_HISTORY (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_history_export_csv_async);

  csv = ak_history_dup_csv (self);
  g_file_replace_contents_bytes_async (file, csv, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replace_cb, g_steal_pointer (&task));
}

gboolean
ak_history_export_csv_finish (AkHistory     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (AK_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
