/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-delete-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ak-delete-dialog.h"
#include "ak-ui-util-private.h"

/* The confirmation before a key is deleted. It shows which key (name, ID,
 * owner, project), says plainly what deleting means and whether the key can
 * be restored, and makes Cancel both the default and what Escape does. What
 * cannot be restored asks for the key's name to be typed first. Deleting
 * several keys at once asks once, listing them all and which of them cannot
 * be restored. It only asks: the window does the deleting, by the key's identity, when the answer
 * is "delete". */

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
            gboolean  restorable,
            gboolean  signs_out)
{
  GString *body = g_string_new (NULL);

  if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    g_string_append (body, _("Once it is deleted, it cannot be restored, and every program "
                             "that signs in with it will be rejected."));
  else if (restorable)
    g_string_append (body, _("Once it is deleted, every request signed with it will be "
                             "rejected. It can be restored while Access Keys stays open."));
  else
    g_string_append (body, _("Once it is deleted, it cannot be restored, and every request "
                             "signed with it will be rejected."));

  if (signs_out)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("This app signs in to the account with this key, so you will "
                               "be signed out as well."));
    }

  return g_string_free (body, FALSE);
}

/* What the person types before a delete that cannot be undone: the key's
 * name, or the end of its ID when it has none. */
typedef struct
{
  GWeakRef  confirmation;
  char     *expected;
  /* An ID's letters may be typed in either case; a name exactly. */
  gboolean  is_id;
} TypedConfirmation;

static void
typed_confirmation_free (gpointer  data,
                         GClosure *closure)
{
  TypedConfirmation *typed = data;

  g_weak_ref_clear (&typed->confirmation);
  g_clear_pointer (&typed->expected, g_free);
  g_free (typed);
}

static gboolean
typed_confirmation_matches (TypedConfirmation *typed,
                            GtkEditable       *editable)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));

  /* Spaces around what was typed (or pasted) are not part of it. */
  g_strstrip (text);
  if (typed->is_id)
    return g_ascii_strcasecmp (text, typed->expected) == 0;

  return g_strcmp0 (text, typed->expected) == 0;
}

static void
confirm_entry_changed_cb (GtkEditable       *editable,
                          TypedConfirmation *typed)
{
  g_autoptr(AkConfirmation) confirmation = g_weak_ref_get (&typed->confirmation);

  if (confirmation != NULL)
    ak_confirmation_set_response_enabled (confirmation, "delete",
                                          typed_confirmation_matches (typed, editable));
}

/* Enter deletes once what was typed matches, and does nothing before. */
static void
confirm_entry_activate_cb (GtkEntry          *entry,
                           TypedConfirmation *typed)
{
  g_autoptr(AkConfirmation) confirmation = g_weak_ref_get (&typed->confirmation);

  if (confirmation != NULL && typed_confirmation_matches (typed, GTK_EDITABLE (entry)))
    ak_confirmation_respond (confirmation, "delete");
}

/* Typing is what the question waits for, so the field starts with the
 * focus; Enter there deletes nothing until the text matches. */
static void
confirm_entry_map_cb (GtkWidget *entry,
                      gpointer   user_data)
{
  gtk_widget_grab_focus (entry);
}

/* The text of a label with a mnemonic, in which @text shows as it is. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/* The entry in which the person types @expected before Delete can be
 * pressed, below @mnemonic, its label. */
static GtkWidget *
new_typed_confirmation (AkConfirmation *confirmation,
                        const char     *expected,
                        gboolean        is_id,
                        const char     *mnemonic)
{
  TypedConfirmation *typed;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *entry;

  typed = g_new0 (TypedConfirmation, 1);
  g_weak_ref_init (&typed->confirmation, confirmation);
  typed->expected = g_strdup (expected);
  typed->is_id = is_id;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  label = gtk_label_new_with_mnemonic (mnemonic);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* A sentence with a name in it: lines break between words only. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_box_append (GTK_BOX (box), label);

  entry = gtk_entry_new ();
  /* Also what names the field for a screen reader (labelled-by). */
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_box_append (GTK_BOX (box), entry);

  g_signal_connect_data (entry, "changed", G_CALLBACK (confirm_entry_changed_cb),
                         typed, typed_confirmation_free, 0);
  g_signal_connect (entry, "activate", G_CALLBACK (confirm_entry_activate_cb), typed);
  g_signal_connect (entry, "map", G_CALLBACK (confirm_entry_map_cb), NULL);

  return box;
}

/* The same, for one key: its name, or the end of its ID when it has none. */
static GtkWidget *
new_typed_key_confirmation (AkConfirmation *confirmation,
                            AkKey          *key)
{
  const char *name = ak_key_get_name (key);
  const char *id = ak_key_get_id (key);
  g_autofree char *expected = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *mnemonic = NULL;

  if (name != NULL && *name != '\0')
    {
      expected = g_strstrip (g_strdup (name));
      escaped = escape_mnemonic (expected);
      /* Translators: above the field in which the person types the name of
       * the key to delete; %s is that name. */
      mnemonic = g_strdup_printf (_("_Type its name, “%s”, to confirm"), escaped);

      return new_typed_confirmation (confirmation, expected, FALSE, mnemonic);
    }
  else
    {
      gsize length = strlen (id);

      expected = g_strdup (id + (length > 6 ? length - 6 : 0));
      escaped = escape_mnemonic (expected);
      /* Translators: above the field in which the person types the end of
       * the ID of the key to delete, which has no name; %s is that end. */
      mnemonic = g_strdup_printf (_("_Type the last six characters of its ID, “%s”, "
                                    "to confirm"), escaped);

      return new_typed_confirmation (confirmation, expected, TRUE, mnemonic);
    }
}

/**
 * ak_delete_dialog_new:
 * @key: the key to ask about
 * @restorable: whether the key can be restored after its delete (an EC2 key
 *   where the account may restore keys); the question then says so
 * @signs_out: whether the app signs in with @key, so that deleting it signs
 *   the app out; the question then says so
 *
 * A key that cannot be restored is deleted only once the person has typed
 * its name, or the last six characters of its ID when it has none: Delete
 * stays disabled until then.
 *
 * Returns: (transfer full): the question, answered "delete" or "cancel"
 */
AkConfirmation *
ak_delete_dialog_new (AkKey    *key,
                      gboolean  restorable,
                      gboolean  signs_out)
{
  g_autofree char *body = NULL;
  AkConfirmation *confirmation;
  const char *heading;
  GtkWidget *extra;

  g_return_val_if_fail (AK_IS_KEY (key), NULL);

  /* The key the app signs in with never comes back. */
  restorable = restorable && !signs_out &&
               ak_key_get_kind (key) != AK_KEY_KIND_APPLICATION_CREDENTIAL;

  body = build_body (key, restorable, signs_out);
  if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    heading = _("Delete Application Credential?");
  else
    heading = _("Delete Access Key?");

  confirmation = ak_confirmation_new (heading, body);
  ak_confirmation_add_response (confirmation, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_add_response (confirmation, "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  ak_confirmation_set_default_response (confirmation, "cancel");
  ak_confirmation_set_close_response (confirmation, "cancel");

  extra = ak_delete_dialog_new_details (key);
  if (!restorable)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

      gtk_box_append (GTK_BOX (box), extra);
      gtk_box_append (GTK_BOX (box), new_typed_key_confirmation (confirmation, key));
      ak_confirmation_set_response_enabled (confirmation, "delete", FALSE);
      extra = box;
    }
  ak_confirmation_set_extra_child (confirmation, extra);

  return confirmation;
}

/* One key in the list of keys to delete: its name or ID, and below it
 * its owner and whether it can be restored. */
static GtkWidget *
new_batch_row (AkKey    *key,
               gboolean  restorable)
{
  const char *name = ak_key_get_name (key);
  const char *owner = ak_key_get_owner (key);
  gboolean has_name = name != NULL && *name != '\0';
  g_autofree char *caption_text = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title;
  GtkWidget *caption;

  title = gtk_label_new (has_name ? name : ak_key_get_id (key));
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), has_name ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR);
  if (!has_name)
    gtk_widget_add_css_class (title, "monospace");
  gtk_box_append (GTK_BOX (box), title);

  if (restorable)
    caption_text = g_strdup (owner != NULL ? owner : "");
  else if (owner != NULL && *owner != '\0')
    /* Translators: below a key in the list of keys to delete; %s is its
     * owner. */
    caption_text = g_strdup_printf (_("%s · cannot be restored"), owner);
  else
    caption_text = g_strdup (_("Cannot be restored"));

  if (*caption_text != '\0')
    {
      caption = gtk_label_new (caption_text);
      gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (caption), PANGO_WRAP_WORD);
      gtk_widget_add_css_class (caption, "caption");
      if (restorable)
        gtk_widget_add_css_class (caption, "dim-label");
      else
        gtk_widget_add_css_class (caption, "warning");
      gtk_box_append (GTK_BOX (box), caption);
    }

  return box;
}

/**
 * ak_delete_dialog_new_many:
 * @keys: (element-type AkKey): the keys to ask about, two or more
 * @restorable: (element-type gboolean): for each key, whether it can be
 *   restored after its delete (GINT_TO_POINTER)
 * @signs_out: whether the app signs in with one of @keys
 *
 * One question for many keys: it lists them all, says how many cannot be
 * restored and, when any cannot, asks for their number to be typed before
 * Delete can be pressed.
 *
 * Returns: (transfer full): the question, answered "delete" or "cancel"
 */
AkConfirmation *
ak_delete_dialog_new_many (GPtrArray *keys,
                           GPtrArray *restorable,
                           gboolean   signs_out)
{
  g_autofree char *heading = NULL;
  g_autofree char *label = NULL;
  GString *body = g_string_new (NULL);
  AkConfirmation *confirmation;
  GtkWidget *extra;
  GtkWidget *scroller;
  GtkWidget *rows;
  guint n_lasting = 0;

  g_return_val_if_fail (keys != NULL && keys->len > 0, NULL);
  g_return_val_if_fail (restorable != NULL && restorable->len == keys->len, NULL);

  for (guint i = 0; i < keys->len; i++)
    if (!GPOINTER_TO_INT (g_ptr_array_index (restorable, i)))
      n_lasting++;

  /* Translators: the heading of the question before deleting several keys
   * at once; %u is how many. */
  heading = g_strdup_printf (ngettext ("Delete %u Key?", "Delete %u Keys?", keys->len),
                             keys->len);

  g_string_append (body, _("Once they are deleted, every request signed with them will be "
                           "rejected."));
  g_string_append (body, " ");
  if (n_lasting == 0)
    g_string_append (body, _("They can be restored while Access Keys stays open."));
  else if (n_lasting == keys->len)
    g_string_append (body, _("None of them can be restored."));
  else
    /* Translators: %u is how many of the keys to delete cannot be restored;
     * the others can, while the app stays open. */
    g_string_append_printf (body, ngettext ("%u of them cannot be restored; the others can "
                                            "be while Access Keys stays open.",
                                            "%u of them cannot be restored; the others can "
                                            "be while Access Keys stays open.",
                                            n_lasting),
                            n_lasting);
  if (signs_out)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("This app signs in to the account with one of these keys, so "
                               "you will be signed out as well."));
    }

  confirmation = ak_confirmation_new (heading, body->str);
  g_string_free (body, TRUE);

  /* Translators: the button that deletes the keys listed; %u is how many. */
  label = g_strdup_printf (ngettext ("_Delete %u Key", "_Delete %u Keys", keys->len), keys->len);
  ak_confirmation_add_response (confirmation, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  ak_confirmation_add_response (confirmation, "delete", label, ADW_RESPONSE_DESTRUCTIVE);
  ak_confirmation_set_default_response (confirmation, "cancel");
  ak_confirmation_set_close_response (confirmation, "cancel");

  rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  for (guint i = 0; i < keys->len; i++)
    gtk_box_append (GTK_BOX (rows),
                    new_batch_row (g_ptr_array_index (keys, i),
                                   GPOINTER_TO_INT (g_ptr_array_index (restorable, i))));

  scroller = _ak_list_scroller_new (rows);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scroller),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Keys to delete"),
                                  -1);
  extra = scroller;

  if (n_lasting > 0)
    {
      g_autofree char *expected = g_strdup_printf ("%u", keys->len);
      g_autofree char *mnemonic = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

      /* Translators: above the field in which the person types how many
       * keys will be deleted, before a delete that cannot all be undone;
       * %u is that number. */
      mnemonic = g_strdup_printf (ngettext ("_Type the number of keys to delete, %u, to confirm",
                                            "_Type the number of keys to delete, %u, to confirm",
                                            keys->len),
                                  keys->len);
      gtk_box_append (GTK_BOX (box), extra);
      gtk_box_append (GTK_BOX (box),
                      new_typed_confirmation (confirmation, expected, FALSE, mnemonic));
      ak_confirmation_set_response_enabled (confirmation, "delete", FALSE);
      extra = box;
    }
  ak_confirmation_set_extra_child (confirmation, extra);

  return confirmation;
}
