/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-delete-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-delete-dialog.h"

/* The confirmation before a key is deleted for good. It shows which key
 * (name, ID, owner, project), says plainly what deleting means, and makes Cancel both the
 * default and what Escape does. It only asks: the window does the deleting,
 * by the key's identity, when the answer is "delete". */

static void
add_detail (GtkGrid    *grid,
            const char *title,
            const char *value,
            gboolean    is_id)
{
  GtkWidget *caption;
  GtkWidget *label;
  int row = 0;

  if (value == NULL || *value == '\0')
    return;

  while (gtk_grid_get_child_at (grid, 0, row) != NULL)
    row++;

  caption = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (caption), 1.0);
  gtk_label_set_yalign (GTK_LABEL (caption), 0.0);
  gtk_widget_add_css_class (caption, "dim-label");

  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Names wrap between words only; an ID is one long word, and may break
   * anywhere rather than run out of the dialog. */
  gtk_label_set_wrap_mode (GTK_LABEL (label),
                           is_id ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD);
  gtk_widget_set_hexpand (label, TRUE);
  if (is_id)
    gtk_widget_add_css_class (label, "monospace");

  gtk_grid_attach (grid, caption, 0, row, 1, 1);
  gtk_grid_attach (grid, label, 1, row, 1, 1);
}

/**
 * ak_delete_dialog_new_details:
 * @key: a key
 *
 * Which key: its name first when it has one, then its ID, owner and
 * project, one to a line, so that nothing is split mid-word. The delete
 * question shows these, and so does the message when a delete is refused.
 *
 * Returns: (transfer floating): a new widget
 */
GtkWidget *
ak_delete_dialog_new_details (AkKey *key)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  gboolean app_cred = ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL;

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);

  add_detail (grid, _("Name"), ak_key_get_name (key), FALSE);
  add_detail (grid, app_cred ? _("Credential ID") : _("Access Key ID"),
              ak_key_get_id (key), TRUE);
  add_detail (grid, _("Owner"), ak_key_get_owner (key), FALSE);
  add_detail (grid, _("Project"), ak_key_get_project (key), FALSE);

  return GTK_WIDGET (grid);
}

static char *
build_body (AkKey    *key,
            gboolean  signs_out)
{
  GString *body = g_string_new (NULL);

  if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    g_string_append (body, _("Once it is deleted, it cannot be recovered, and every program "
                             "that signs in with it will be rejected."));
  else
    g_string_append (body, _("Once it is deleted, it cannot be recovered, and every request "
                             "signed with it will be rejected."));

  if (signs_out)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("This app signs in to the account with this key, so you will "
                               "be signed out as well."));
    }

  return g_string_free (body, FALSE);
}

/**
 * ak_delete_dialog_new:
 * @key: the key to ask about
 * @signs_out: whether the app signs in with @key, so that deleting it signs
 *   the app out; the question then says so
 *
 * Returns: (transfer full): the question, answered "delete" or "cancel"
 */
AkConfirmation *
ak_delete_dialog_new (AkKey    *key,
                      gboolean  signs_out)
{
  g_autofree char *body = NULL;
  AkConfirmation *confirmation;
  const char *heading;

  g_return_val_if_fail (AK_IS_KEY (key), NULL);

  body = build_body (key, signs_out);
  if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    heading = _("Delete Application Credential?");
  else
    heading = _("Delete Access Key?");

  confirmation = ak_confirmation_new (heading, body);
  ak_confirmation_add_response (confirmation, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_add_response (confirmation, "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  ak_confirmation_set_default_response (confirmation, "cancel");
  ak_confirmation_set_close_response (confirmation, "cancel");
  ak_confirmation_set_extra_child (confirmation, ak_delete_dialog_new_details (key));

  return confirmation;
}
