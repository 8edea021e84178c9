/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-history-window"

#include "config.h"

/* The file chooser is GtkFileDialog (GTK 4.10) where the stack has it, and
 * GtkFileChooserNative, deprecated there, on 4.8: this file may use 4.10's
 * API, each use behind GTK_CHECK_VERSION (4, 10, 0). */
#undef GDK_VERSION_MAX_ALLOWED
#define GDK_VERSION_MAX_ALLOWED G_ENCODE_VERSION (4, 10)

#include <glib/gi18n.h>

#include "ak-a11y-private.h"
#include "ak-date-format.h"
#include "ak-history-window.h"
#include "ak-ui-util-private.h"

/* History: every create, delete and restore this app made, from every
 * account, newest first, as a table; Export… saves it as CSV. It is a view
 * of the application's AkHistory, which keeps it up to date while open. */
struct _AkHistoryWindow
{
  AdwWindow        parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkColumnView   *column_view;

  /* Owned references */
  AkHistory       *history;
  /* The export being written, cancelled when the window goes. */
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (AkHistoryWindow, ak_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef enum
{
  COLUMN_WHEN,
  COLUMN_WHAT,
  COLUMN_KEY,
  COLUMN_OWNER,
  COLUMN_PROJECT,
  COLUMN_ACCOUNT,
  N_COLUMNS
} Column;

/* The table's columns: heading, and whether it takes the spare width. */
static const struct {
  const char *title;
  gboolean    expand;
} columns[N_COLUMNS] = {
  /* Translators: a column heading in the History: when it happened. */
  [COLUMN_WHEN]    = { N_("When"), FALSE },
  /* Translators: a column heading in the History: "Deleted", "Created"… */
  [COLUMN_WHAT]    = { N_("What Happened"), FALSE },
  /* Translators: a column heading in the History: the key's name or ID. */
  [COLUMN_KEY]     = { N_("Key"), TRUE },
  /* Translators: a column heading in the History: the key's user. */
  [COLUMN_OWNER]   = { N_("Owner"), FALSE },
  /* Translators: a column heading in the History. */
  [COLUMN_PROJECT] = { N_("Project"), FALSE },
  /* Translators: a column heading in the History: the cloud account. */
  [COLUMN_ACCOUNT] = { N_("Account"), TRUE },
};

static char *
dup_cell (AkHistoryEntry *entry,
          Column          column)
{
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_WHEN:
      return ak_date_format_full (ak_history_entry_get_time (entry));
    case COLUMN_WHAT:
      return ak_history_entry_dup_description (entry);
    case COLUMN_KEY:
      text = ak_history_entry_get_key_label (entry);
      break;
    case COLUMN_OWNER:
      text = ak_history_entry_get_owner (entry);
      break;
    case COLUMN_PROJECT:
      text = ak_history_entry_get_project (entry);
      break;
    case COLUMN_ACCOUNT:
      text = ak_history_entry_get_account (entry);
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return g_strdup (text != NULL ? text : "");
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* A long name or account may be cut short, with the whole in its
   * tooltip; when and what never are. */
  if (columns[column].expand)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  AkHistoryEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = dup_cell (entry, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* An ID is set in monospace, as in the key list; a name is not. */
  if (column == COLUMN_KEY && ak_history_entry_get_key_name (entry) == NULL)
    gtk_widget_add_css_class (label, "monospace");
  else
    gtk_widget_remove_css_class (label, "monospace");
  _ak_cell_set_tooltip (label, columns[column].expand && *text != '\0' ? text : NULL);
  if (column == COLUMN_KEY)
    _ak_column_view_cell_name_row (label, text);
}

static void
add_columns (AkHistoryWindow *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
update_page (AkHistoryWindow *self)
{
  GListModel *entries = ak_history_get_entries (self->history);
  gboolean empty = g_list_model_get_n_items (entries) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export", !empty);
}

static void
entries_changed_cb (AkHistoryWindow *self,
                    guint            position,
                    guint            removed,
                    guint            added,
                    GListModel      *entries)
{
  update_page (self);
}

static void
show_toast (AkHistoryWindow  *self,
            const char       *message,
            AdwToastPriority  priority)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, priority);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

typedef struct
{
  AkHistoryWindow *self;
  char            *name;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->name, g_free);
  g_free (data);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;

  /* The window went meanwhile: there is nowhere to say it. */
  if (data->self->toast_overlay == NULL)
    {
      export_data_free (data);
      return;
    }

  if (ak_history_export_csv_finish (AK_HISTORY (object), result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the name of the file the history was saved in. */
      message = g_strdup_printf (_("History exported as “%s”"), data->name);
      show_toast (data->self, message, ADW_TOAST_PRIORITY_NORMAL);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Could not export the history: %s", error->message);
      /* Said at once, over the toast of an export before. */
      show_toast (data->self,
                  _("The history could not be saved there. Choose another folder and try "
                    "again."),
                  ADW_TOAST_PRIORITY_HIGH);
    }

  export_data_free (data);
}

/**
 * ak_history_window_export:
 * @self: an #AkHistoryWindow
 * @file: where to save the CSV
 *
 * Saves the history in @file, then says so in a toast.
 */
void
ak_history_window_export (AkHistoryWindow *self,
                          GFile           *file)
{
  ExportData *data;

  g_return_if_fail (AK_IS_HISTORY_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->name = g_file_get_basename (file);
  ak_history_export_csv_async (self->history, file, self->cancellable, export_cb, data);
}

static GtkFileFilter *
new_csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* Translators: a kind of file in the Export History dialog. */
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");

  return filter;
}

/* Translators: the name the exported history is offered under; keep .csv. */
#define DEFAULT_NAME N_("access-keys-history.csv")

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AkHistoryWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  /* Nothing chosen: nothing to say. */
  if (file != NULL)
    ak_history_window_export (self, file);
}

static void
choose_file (AkHistoryWindow *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = new_csv_filter ();

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Export History"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_initial_name (dialog, _(DEFAULT_NAME));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), self->cancellable, save_cb,
                        g_object_ref (self));
}
#else
static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  g_autoptr(AkHistoryWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        ak_history_window_export (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (AkHistoryWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = new_csv_filter ();

  dialog = gtk_file_chooser_native_new (_("Export History"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _(DEFAULT_NAME));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* The dialog is ours until it answers (response_cb). */
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
#endif

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (AK_HISTORY_WINDOW (widget));
}

static void
ak_history_window_constructed (GObject *object)
{
  AkHistoryWindow *self = AK_HISTORY_WINDOW (object);
  GListModel *entries = ak_history_get_entries (self->history);
  g_autoptr(GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (ak_history_window_parent_class)->constructed (object);

  selection = gtk_no_selection_new (g_object_ref (entries));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (entries, "items-changed",
                           G_CALLBACK (entries_changed_cb), self, G_CONNECT_SWAPPED);
  update_page (self);
}

static void
ak_history_window_dispose (GObject *object)
{
  AkHistoryWindow *self = AK_HISTORY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->history);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ak_history_window_parent_class)->dispose (object);
}

static void
ak_history_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AkHistoryWindow *self = AK_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_history_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AkHistoryWindow *self = AK_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_history_window_class_init (AkHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ak_history_window_constructed;
  object_class->dispose = ak_history_window_dispose;
  object_class->get_property = ak_history_window_get_property;
  object_class->set_property = ak_history_window_set_property;

  properties [PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, AK_TYPE_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ak-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AkHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AkHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AkHistoryWindow, column_view);
  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ak_history_window_init (AkHistoryWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _ak_column_view_name_titles (self->column_view);
  add_columns (self);
}

/**
 * ak_history_window_new:
 * @parent: the main window
 * @history: the history to show
 *
 * Returns: (transfer none): a new window, not shown yet
 */
AkHistoryWindow *
ak_history_window_new (GtkWindow *parent,
                       AkHistory *history)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AK_IS_HISTORY (history), NULL);

  return g_object_new (AK_TYPE_HISTORY_WINDOW,
                       "transient-for", parent,
                       "history", history,
                       NULL);
}

AkHistory *
ak_history_window_get_history (AkHistoryWindow *self)
{
  g_return_val_if_fail (AK_IS_HISTORY_WINDOW (self), NULL);

  return self->history;
}
