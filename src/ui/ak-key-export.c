/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-export"

#include "config.h"

/* GTK 4.10's GtkFileDialog, behind GTK_CHECK_VERSION (4, 10, 0); GTK 4.8
 * has GtkFileChooserNative, which 4.10 deprecates. */
#undef GDK_VERSION_MAX_ALLOWED
#define GDK_VERSION_MAX_ALLOWED G_ENCODE_VERSION (4, 10)

#include <glib/gi18n.h>

#include "ak-error.h"
#include "ak-key-csv.h"
#include "ak-key-export.h"

/* Export Keys…: the keys shown (after the filters and the search) as CSV
 * (ak-key-csv.c), in a file the person picks through the file chooser
 * portal where there is one. The CSV is made when they choose Export, so
 * the file holds what the list showed then, whatever changes while the
 * chooser is open. */

typedef struct
{
  GBytes *csv;
  guint   n_keys;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_clear_pointer (&export->csv, g_bytes_unref);
  g_free (export);
}

static Export *
export_new (GListModel *keys)
{
  Export *export = g_new0 (Export, 1);
  gsize length = 0;
  char *csv = ak_key_csv_format (keys, &length);

  export->csv = g_bytes_new_take (csv, length);
  export->n_keys = g_list_model_get_n_items (keys);

  return export;
}

/**
 * ak_key_export_default_name:
 * @account_name: (nullable): the account's name
 * @now: the date to put in the name
 *
 * Returns: (transfer full): "access-keys-<account>-<date>.csv", with no
 *   character a file name may not have
 */
char *
ak_key_export_default_name (const char *account_name,
                            GDateTime  *now)
{
  g_autofree char *date = NULL;
  g_autoptr(GString) account = g_string_new (NULL);

  g_return_val_if_fail (now != NULL, NULL);

  date = g_date_time_format (now, "%Y-%m-%d");
  for (const char *p = account_name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '-' || c == '_' || c == '.')
        g_string_append_unichar (account, c);
      else if (account->len > 0 && account->str[account->len - 1] != '-')
        g_string_append_c (account, '-');
    }
  while (account->len > 0 && (account->str[account->len - 1] == '-' ||
                              account->str[account->len - 1] == '.'))
    g_string_truncate (account, account->len - 1);

  if (account->len == 0)
    return g_strdup_printf ("access-keys-%s.csv", date);

  return g_strdup_printf ("access-keys-%s-%s.csv", account->str, date);
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, AK_ERROR, AK_ERROR_FAILED,
                                 /* Translators: after Export Keys…; %s says why,
                                  * from the system ("Permission denied"). */
                                 _("Could not save the keys: %s"), error->message);
      return;
    }

  g_task_return_int (task, export->n_keys);
}

static void
write_export (GTask *task,
              GFile *file)
{
  Export *export = g_task_get_task_data (task);

  g_file_replace_contents_bytes_async (file, export->csv, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task),
                                       replace_contents_cb, task);
}

/**
 * ak_key_export_write_async:
 * @file: where to write
 * @keys: a #GListModel of #AkKey
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when written
 * @user_data: for @callback
 *
 * Writes @keys to @file as CSV, replacing what it held.
 */
void
ak_key_export_write_async (GFile               *file,
                           GListModel          *keys,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (G_IS_LIST_MODEL (keys));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_key_export_write_async);
  g_task_set_task_data (task, export_new (keys), export_free);
  write_export (g_steal_pointer (&task), file);
}

/**
 * ak_key_export_write_finish:
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: how many keys were written; 0 with @error set on failure
 */
guint
ak_key_export_write_finish (GAsyncResult  *result,
                            GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  n = g_task_propagate_int (G_TASK (result), error);

  return n > 0 ? (guint) n : 0;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);

  if (file == NULL)
    {
      /* Dismissed is the person's choice, not a failure. */
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  write_export (g_steal_pointer (&task), file);
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "No file chosen");
      return;
    }

  write_export (g_steal_pointer (&task), file);
}
#endif

/**
 * ak_key_export_save_async:
 * @parent: (nullable): the window the file chooser belongs to
 * @keys: a #GListModel of #AkKey, as shown
 * @account_name: (nullable): for the file's suggested name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keys are saved, or not
 * @user_data: for @callback
 *
 * Asks where to save @keys as CSV, and saves them there.
 */
void
ak_key_export_save_async (GtkWindow           *parent,
                          GListModel          *keys,
                          const char          *account_name,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_LIST_MODEL (keys));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_key_export_save_async);
  g_task_set_task_data (task, export_new (keys), export_free);
  name = ak_key_export_default_name (account_name, now);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _("Export Keys"));
    gtk_file_dialog_set_accept_label (dialog, _("_Export"));
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_save (dialog, parent, cancellable, save_chosen_cb, g_steal_pointer (&task));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Export Keys"), parent,
                                          GTK_FILE_CHOOSER_ACTION_SAVE,
                                          _("_Export"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    g_signal_connect (native, "response", G_CALLBACK (native_response_cb),
                      g_steal_pointer (&task));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

/**
 * ak_key_export_save_finish:
 * @result: the result given to the callback
 * @error: where to put an error; %G_IO_ERROR_CANCELLED when the person
 *   chose no file
 *
 * Returns: how many keys were saved; 0 with @error set otherwise
 */
guint
ak_key_export_save_finish (GAsyncResult  *result,
                           GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  n = g_task_propagate_int (G_TASK (result), error);

  return n > 0 ? (guint) n : 0;
}
