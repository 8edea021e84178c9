/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-confirmation"

#include "config.h"

/* This file alone may use libadwaita 1.5's AdwAlertDialog, and only behind
 * ADW_CHECK_VERSION (1, 5, 0): everywhere else the floor (1.2) is enforced by
 * the version macros in config.h. */
#undef ADW_VERSION_MAX_ALLOWED
#define ADW_VERSION_MAX_ALLOWED ADW_ENCODE_VERSION (1, 5, 0)

#include <glib/gi18n.h>

#include "ak-confirmation.h"

/* A question with a few answers, asked in the dialog the stack has: an
 * AdwAlertDialog inside the window on libadwaita 1.5 and later, an
 * AdwMessageDialog (a window of its own) on 1.2. Callers await the answer
 * with ak_confirmation_choose_async(), never the widget's signals; the
 * dialog is held by a weak pointer and lives only while it is shown (the
 * pattern of GNOME Console's close dialog). */
struct _AkConfirmation
{
  GObject       parent_instance;

  /* Owned state */
  char         *heading;
  char         *body;
  GArray       *responses;
  char         *default_response;
  char         *close_response;
  GtkWidget    *extra_child;
  /* While the question waits for its answer */
  GTask        *task;
  GCancellable *cancellable;
  gulong        cancelled_id;

  /* Weak references */
  GtkWidget    *dialog;
};

typedef struct
{
  char                  *id;
  char                  *label;
  AdwResponseAppearance  appearance;
  gboolean               enabled;
} Response;

G_DEFINE_FINAL_TYPE (AkConfirmation, ak_confirmation, G_TYPE_OBJECT)

/* The confirmations on screen, oldest first: how a test finds the one a
 * window shows without reaching into widgets that differ between stacks. */
static GList *open_confirmations;

static Response *
find_response (AkConfirmation *self,
               const char     *id)
{
  for (guint i = 0; i < self->responses->len; i++)
    {
      Response *response = &g_array_index (self->responses, Response, i);

      if (g_strcmp0 (response->id, id) == 0)
        return response;
    }

  return NULL;
}

static void
response_clear (gpointer data)
{
  Response *response = data;

  g_clear_pointer (&response->id, g_free);
  g_clear_pointer (&response->label, g_free);
}

static void
ak_confirmation_finish_with (AkConfirmation *self,
                             const char     *response)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  open_confirmations = g_list_remove (open_confirmations, self);
  if (task == NULL)
    return;

  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  g_clear_object (&self->cancellable);

  if (response == NULL)
    response = self->close_response;
  g_debug ("Answered “%s”: %s", self->heading, response);
  g_task_return_pointer (task, g_strdup (response), g_free);
}

static void
dialog_response_cb (GtkWidget  *dialog,
                    const char *response,
                    gpointer    user_data)
{
  AkConfirmation *self = AK_CONFIRMATION (user_data);

  ak_confirmation_finish_with (self, response);
}

static gboolean
finish_unanswered_cb (gpointer user_data)
{
  ak_confirmation_finish_with (AK_CONFIRMATION (user_data), NULL);

  return G_SOURCE_REMOVE;
}

/* The dialog went. Without an answer (its window closed) that is the close
 * response, as Escape would have given; but an AdwAlertDialog closes before
 * it emits the answer that closed it, so look once that has had its turn. */
static void
dialog_gone_cb (GtkWidget *dialog,
                gpointer   user_data)
{
  AkConfirmation *self = AK_CONFIRMATION (user_data);

  if (self->task != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, finish_unanswered_cb,
                     g_object_ref (self), g_object_unref);
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  AkConfirmation *self = AK_CONFIRMATION (user_data);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  /* A handler cannot disconnect itself; it runs once, so forgetting it is
   * enough. */
  self->cancelled_id = 0;
  open_confirmations = g_list_remove (open_confirmations, self);
  if (self->dialog != NULL)
    {
#if ADW_CHECK_VERSION (1, 5, 0)
      adw_dialog_force_close (ADW_DIALOG (self->dialog));
#else
      gtk_window_destroy (GTK_WINDOW (self->dialog));
#endif
    }
  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                             "The question was withdrawn");
}

/* libadwaita wraps the heading and the body anywhere inside a word when a
 * line runs short (PANGO_WRAP_WORD_CHAR); a question is read, so its lines
 * break between words only. The extra child sets its own. */
static void
wrap_between_words (GtkWidget *widget,
                    GtkWidget *extra_child)
{
  if (widget == extra_child)
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wrap_between_words (child, extra_child);
}

static GtkWidget *
build_dialog (AkConfirmation *self,
              GtkWidget      *parent)
{
  GtkWidget *dialog;

#if ADW_CHECK_VERSION (1, 5, 0)
  AdwAlertDialog *alert;

  dialog = GTK_WIDGET (adw_alert_dialog_new (self->heading, self->body));
  alert = ADW_ALERT_DIALOG (dialog);
  for (guint i = 0; i < self->responses->len; i++)
    {
      Response *response = &g_array_index (self->responses, Response, i);

      adw_alert_dialog_add_response (alert, response->id, response->label);
      adw_alert_dialog_set_response_appearance (alert, response->id, response->appearance);
      adw_alert_dialog_set_response_enabled (alert, response->id, response->enabled);
    }
  adw_alert_dialog_set_default_response (alert, self->default_response);
  adw_alert_dialog_set_close_response (alert, self->close_response);
  adw_alert_dialog_set_extra_child (alert, self->extra_child);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  g_signal_connect_object (dialog, "closed", G_CALLBACK (dialog_gone_cb), self, 0);
#else
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  AdwMessageDialog *message;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   self->heading, self->body);
  message = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  for (guint i = 0; i < self->responses->len; i++)
    {
      Response *response = &g_array_index (self->responses, Response, i);

      adw_message_dialog_add_response (message, response->id, response->label);
      adw_message_dialog_set_response_appearance (message, response->id, response->appearance);
      adw_message_dialog_set_response_enabled (message, response->id, response->enabled);
    }
  adw_message_dialog_set_default_response (message, self->default_response);
  adw_message_dialog_set_close_response (message, self->close_response);
  adw_message_dialog_set_extra_child (message, self->extra_child);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_gone_cb), self, 0);
#endif

  return dialog;
}

static void
ak_confirmation_finalize (GObject *object)
{
  AkConfirmation *self = AK_CONFIRMATION (object);

  g_assert (self->task == NULL);

  g_clear_object (&self->cancellable);
  open_confirmations = g_list_remove (open_confirmations, self);
  g_clear_weak_pointer (&self->dialog);
  g_clear_pointer (&self->heading, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->responses, g_array_unref);
  g_clear_pointer (&self->default_response, g_free);
  g_clear_pointer (&self->close_response, g_free);
  g_clear_object (&self->extra_child);

  G_OBJECT_CLASS (ak_confirmation_parent_class)->finalize (object);
}

static void
ak_confirmation_class_init (AkConfirmationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ak_confirmation_finalize;
}

static void
ak_confirmation_init (AkConfirmation *self)
{
  self->responses = g_array_new (FALSE, TRUE, sizeof (Response));
  g_array_set_clear_func (self->responses, response_clear);
}

/**
 * ak_confirmation_new:
 * @heading: the question, in title case
 * @body: (nullable): what the answers mean
 *
 * Returns: (transfer full): a question with no answers yet
 */
AkConfirmation *
ak_confirmation_new (const char *heading,
                     const char *body)
{
  AkConfirmation *self;

  g_return_val_if_fail (heading != NULL, NULL);

  self = g_object_new (AK_TYPE_CONFIRMATION, NULL);
  self->heading = g_strdup (heading);
  self->body = g_strdup (body);

  return self;
}

const char *
ak_confirmation_get_heading (AkConfirmation *self)
{
  g_return_val_if_fail (AK_IS_CONFIRMATION (self), NULL);

  return self->heading;
}

const char *
ak_confirmation_get_body (AkConfirmation *self)
{
  g_return_val_if_fail (AK_IS_CONFIRMATION (self), NULL);

  return self->body;
}

/**
 * ak_confirmation_add_response:
 * @self: an #AkConfirmation
 * @id: the answer's ID, what ak_confirmation_choose_finish() returns
 * @label: its button's label, with a mnemonic
 * @appearance: how the button looks
 *
 * Adds an answer. The first one added is the default and the close
 * response until others are set.
 */
void
ak_confirmation_add_response (AkConfirmation        *self,
                              const char            *id,
                              const char            *label,
                              AdwResponseAppearance  appearance)
{
  Response response;

  g_return_if_fail (AK_IS_CONFIRMATION (self));
  g_return_if_fail (id != NULL && label != NULL);
  g_return_if_fail (self->dialog == NULL);

  response.id = g_strdup (id);
  response.label = g_strdup (label);
  response.appearance = appearance;
  response.enabled = TRUE;
  g_array_append_val (self->responses, response);

  if (self->default_response == NULL)
    self->default_response = g_strdup (id);
  if (self->close_response == NULL)
    self->close_response = g_strdup (id);
}

/**
 * ak_confirmation_set_extra_child:
 * @self: an #AkConfirmation not shown yet
 * @child: (nullable): a widget shown below the body
 */
void
ak_confirmation_set_extra_child (AkConfirmation *self,
                                 GtkWidget      *child)
{
  g_return_if_fail (AK_IS_CONFIRMATION (self));
  g_return_if_fail (!child || GTK_IS_WIDGET (child));
  g_return_if_fail (self->task == NULL);

  if (child != NULL)
    g_object_ref_sink (child);
  g_clear_object (&self->extra_child);
  self->extra_child = child;
}

const char *
ak_confirmation_get_default_response (AkConfirmation *self)
{
  g_return_val_if_fail (AK_IS_CONFIRMATION (self), NULL);

  return self->default_response;
}

void
ak_confirmation_set_default_response (AkConfirmation *self,
                                      const char     *id)
{
  g_return_if_fail (AK_IS_CONFIRMATION (self));
  g_return_if_fail (id != NULL);

  g_free (self->default_response);
  self->default_response = g_strdup (id);
}

const char *
ak_confirmation_get_close_response (AkConfirmation *self)
{
  g_return_val_if_fail (AK_IS_CONFIRMATION (self), NULL);

  return self->close_response;
}

void
ak_confirmation_set_close_response (AkConfirmation *self,
                                    const char     *id)
{
  g_return_if_fail (AK_IS_CONFIRMATION (self));
  g_return_if_fail (id != NULL);

  g_free (self->close_response);
  self->close_response = g_strdup (id);
}

AdwResponseAppearance
ak_confirmation_get_appearance (AkConfirmation *self,
                                const char     *id)
{
  Response *response;

  g_return_val_if_fail (AK_IS_CONFIRMATION (self), ADW_RESPONSE_DEFAULT);

  response = find_response (self, id);

  return response != NULL ? response->appearance : ADW_RESPONSE_DEFAULT;
}

/**
 * ak_confirmation_set_response_enabled:
 * @self: an #AkConfirmation
 * @id: one of its answers
 * @enabled: whether its button can be pressed
 *
 * Makes an answer available or not, before the dialog is shown or while it
 * is: an answer that needs something done first (a name typed) starts
 * disabled. Every answer starts enabled.
 */
void
ak_confirmation_set_response_enabled (AkConfirmation *self,
                                      const char     *id,
                                      gboolean        enabled)
{
  Response *response;

  g_return_if_fail (AK_IS_CONFIRMATION (self));
  g_return_if_fail (id != NULL);

  response = find_response (self, id);
  g_return_if_fail (response != NULL);

  enabled = !!enabled;
  if (response->enabled == enabled)
    return;
  response->enabled = enabled;

  if (self->dialog == NULL)
    return;
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (self->dialog), id, enabled);
#else
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self->dialog), id, enabled);
#endif
}

gboolean
ak_confirmation_get_response_enabled (AkConfirmation *self,
                                      const char     *id)
{
  Response *response;

  g_return_val_if_fail (AK_IS_CONFIRMATION (self), FALSE);

  response = find_response (self, id);

  return response != NULL && response->enabled;
}

/**
 * ak_confirmation_choose_async:
 * @self: an #AkConfirmation with at least one answer
 * @parent: the widget whose window the question is about
 * @cancellable: (nullable): withdraws the question and closes the dialog
 * @callback: (nullable): called with the answer
 * @user_data: closure data for @callback
 *
 * Shows the question. Closing the dialog (Escape, or its window going)
 * answers with the close response.
 */
void
ak_confirmation_choose_async (AkConfirmation      *self,
                              GtkWidget           *parent,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *dialog;

  g_return_if_fail (AK_IS_CONFIRMATION (self));
  g_return_if_fail (!parent || GTK_IS_WIDGET (parent));
  g_return_if_fail (self->responses->len > 0);
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_confirmation_choose_async);
  self->task = g_steal_pointer (&task);

  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                                  self, NULL);
      if (self->task == NULL)
        return;   /* cancelled already */
    }

  dialog = build_dialog (self, parent);
  g_set_weak_pointer (&self->dialog, dialog);
  open_confirmations = g_list_append (open_confirmations, self);

#if ADW_CHECK_VERSION (1, 5, 0)
  /* The window itself: @parent may sit in a popover. */
  adw_dialog_present (ADW_DIALOG (dialog),
                      parent != NULL ? GTK_WIDGET (gtk_widget_get_root (parent)) : NULL);
#else
  gtk_window_present (GTK_WINDOW (dialog));
#endif
  /* After presenting: an AdwDialog has no children before. */
  wrap_between_words (dialog, self->extra_child);
}

/**
 * ak_confirmation_choose_finish:
 * @self: an #AkConfirmation
 * @result: the #GAsyncResult given to the callback
 * @error: %G_IO_ERROR_CANCELLED when the question was withdrawn
 *
 * Returns: (transfer full): the ID of the answer
 */
char *
ak_confirmation_choose_finish (AkConfirmation  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (AK_IS_CONFIRMATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ak_confirmation_present:
 * @self: an #AkConfirmation
 *
 * Brings the dialog to the front, for a second request of the same
 * question.
 *
 * Returns: %TRUE if the question is still waiting for its answer
 */
gboolean
ak_confirmation_present (AkConfirmation *self)
{
  g_return_val_if_fail (AK_IS_CONFIRMATION (self), FALSE);

  if (self->task == NULL || self->dialog == NULL)
    return FALSE;

#if ADW_CHECK_VERSION (1, 5, 0)
  gtk_widget_grab_focus (self->dialog);
#else
  gtk_window_present (GTK_WINDOW (self->dialog));
#endif

  return TRUE;
}

/**
 * ak_confirmation_close:
 * @self: an #AkConfirmation
 *
 * Closes the dialog as Escape would: the answer is the close response.
 */
void
ak_confirmation_close (AkConfirmation *self)
{
  g_return_if_fail (AK_IS_CONFIRMATION (self));

  if (self->dialog == NULL)
    return;

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_close (ADW_DIALOG (self->dialog));
#else
  gtk_window_close (GTK_WINDOW (self->dialog));
#endif
}

/**
 * ak_confirmation_get_dialog:
 * @self: an #AkConfirmation
 *
 * Returns: (transfer none) (nullable): the dialog on screen: an
 *   AdwAlertDialog or an AdwMessageDialog, depending on the stack
 */
GtkWidget *
ak_confirmation_get_dialog (AkConfirmation *self)
{
  g_return_val_if_fail (AK_IS_CONFIRMATION (self), NULL);

  return self->dialog;
}

/**
 * ak_confirmation_respond:
 * @self: an #AkConfirmation that is shown
 * @id: one of its answers
 *
 * Answers as a click on that answer's button would, and closes the dialog.
 * Like a click, it does nothing while the answer is disabled.
 */
void
ak_confirmation_respond (AkConfirmation *self,
                         const char     *id)
{
  g_return_if_fail (AK_IS_CONFIRMATION (self));
  g_return_if_fail (id != NULL);

  if (self->dialog == NULL || !ak_confirmation_get_response_enabled (self, id))
    return;

  g_object_ref (self);
  ak_confirmation_finish_with (self, id);
#if ADW_CHECK_VERSION (1, 5, 0)
  if (self->dialog != NULL)
    adw_dialog_force_close (ADW_DIALOG (self->dialog));
#else
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
#endif
  g_object_unref (self);
}

/**
 * ak_confirmation_get_open:
 * @parent: (nullable): a widget in the window the question is about, or
 *   %NULL for any window
 *
 * Returns: (transfer none) (nullable): the newest question shown for
 *   @parent's window
 */
AkConfirmation *
ak_confirmation_get_open (GtkWidget *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  for (GList *l = g_list_last (open_confirmations); l != NULL; l = l->prev)
    {
      AkConfirmation *self = l->data;
      GtkRoot *dialog_root;

      if (self->dialog == NULL)
        continue;
      if (root == NULL)
        return self;

#if ADW_CHECK_VERSION (1, 5, 0)
      dialog_root = gtk_widget_get_root (self->dialog);
#else
      dialog_root = GTK_ROOT (gtk_window_get_transient_for (GTK_WINDOW (self->dialog)));
#endif
      if (dialog_root == root)
        return self;
    }

  return NULL;
}
