/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-deleted-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-deleted-dialog.h"

/* Recently Deleted: the keys the session deleted and can still restore,
 * newest first, each with a Restore button. It is a view of the session's
 * list: an entry goes when its key is restored, and all go on sign-out. The
 * results come as the session's ::key-result, which the main window shows
 * as toasts. */
struct _AkDeletedDialog
{
  AdwWindow         parent_instance;

  /* Template children */
  GtkStack         *stack;
  GtkListBox       *list_box;

  /* Owned references */
  AkAccountSession *session;
};

G_DEFINE_FINAL_TYPE (AkDeletedDialog, ak_deleted_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update_page (AkDeletedDialog *self)
{
  GListModel *entries = ak_account_session_get_recently_deleted (self->session);

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (entries) > 0 ? "list" : "empty");
}

static void
entries_changed_cb (AkDeletedDialog *self,
                    guint            position,
                    guint            removed,
                    guint            added,
                    GListModel      *entries)
{
  update_page (self);
}

static void
restore_clicked_cb (GtkButton    *button,
                    AkDeletedKey *entry)
{
  AkDeletedDialog *self = AK_DELETED_DIALOG (gtk_widget_get_root (GTK_WIDGET (button)));
  AkKey *key = ak_deleted_key_get_key (entry);

  ak_account_session_restore_key_async (self->session, ak_key_get_kind (key),
                                        ak_key_get_id (key), NULL, NULL);
}

static void
update_button (GtkWidget    *button,
               AkDeletedKey *entry)
{
  gtk_widget_set_sensitive (button,
                            ak_deleted_key_get_restorable (entry) &&
                            !ak_deleted_key_get_restoring (entry));
}

static void
entry_changed_cb (GtkWidget    *button,
                  GParamSpec   *pspec,
                  AkDeletedKey *entry)
{
  update_button (button, entry);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  AkDeletedKey *entry = AK_DELETED_KEY (item);
  AkKey *key = ak_deleted_key_get_key (entry);
  g_autoptr(GDateTime) local = g_date_time_to_local (ak_deleted_key_get_deleted_at (entry));
  g_autofree char *time = g_date_time_format (local, "%X");
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *accessible = NULL;
  const char *owner = ak_key_get_owner (key);
  GtkWidget *row;
  GtkWidget *button;

  if (owner != NULL && *owner != '\0')
    /* Translators: the first %s is a time of day, the second the key's
     * owner, as in "Deleted at 10:42 · alice". */
    subtitle = g_strdup_printf (_("Deleted at %s · %s"), time, owner);
  else
    /* Translators: %s is a time of day. */
    subtitle = g_strdup_printf (_("Deleted at %s"), time);

  row = adw_action_row_new ();
  escaped = g_markup_escape_text (ak_key_get_id (key), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  g_clear_pointer (&escaped, g_free);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

  button = gtk_button_new_with_mnemonic (_("_Restore"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: %s is a key ID; what a screen reader says for the button. */
  accessible = g_strdup_printf (_("Restore access key %s"), ak_key_get_id (key));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), entry, 0);
  g_signal_connect_object (entry, "notify::restorable", G_CALLBACK (entry_changed_cb), button,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "notify::restoring", G_CALLBACK (entry_changed_cb), button,
                           G_CONNECT_SWAPPED);
  update_button (button, entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
ak_deleted_dialog_constructed (GObject *object)
{
  AkDeletedDialog *self = AK_DELETED_DIALOG (object);
  GListModel *entries = ak_account_session_get_recently_deleted (self->session);

  G_OBJECT_CLASS (ak_deleted_dialog_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->list_box, entries, create_row_cb, NULL, NULL);
  g_signal_connect_object (entries, "items-changed",
                           G_CALLBACK (entries_changed_cb), self, G_CONNECT_SWAPPED);
  update_page (self);
}

static void
ak_deleted_dialog_dispose (GObject *object)
{
  AkDeletedDialog *self = AK_DELETED_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_DELETED_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ak_deleted_dialog_parent_class)->dispose (object);
}

static void
ak_deleted_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AkDeletedDialog *self = AK_DELETED_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_deleted_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AkDeletedDialog *self = AK_DELETED_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_deleted_dialog_class_init (AkDeletedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ak_deleted_dialog_constructed;
  object_class->dispose = ak_deleted_dialog_dispose;
  object_class->get_property = ak_deleted_dialog_get_property;
  object_class->set_property = ak_deleted_dialog_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AK_TYPE_ACCOUNT_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ak-deleted-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AkDeletedDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AkDeletedDialog, list_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ak_deleted_dialog_init (AkDeletedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ak_deleted_dialog_new:
 * @parent: the main window
 * @session: the session whose recently deleted keys to show
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
AkDeletedDialog *
ak_deleted_dialog_new (GtkWindow        *parent,
                       AkAccountSession *session)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AK_IS_ACCOUNT_SESSION (session), NULL);

  return g_object_new (AK_TYPE_DELETED_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}

AkAccountSession *
ak_deleted_dialog_get_session (AkDeletedDialog *self)
{
  g_return_val_if_fail (AK_IS_DELETED_DIALOG (self), NULL);

  return self->session;
}
