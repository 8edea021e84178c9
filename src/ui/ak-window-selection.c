/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-ui-util-private.h"
#include "ak-window-private.h"

/* Selection mode, and deleting many keys at once: the header bar's Select
 * button ticks keys in the list, the action bar below deletes them, after
 * one question that lists them all. The keys go as a batch (at most four
 * deletes on their way at a time, see AkAccountSession), each by its
 * identity. What became of them is told once, for the whole batch: a toast
 * with one Undo for every key that can come back and, when some key was not
 * deleted, a list of what happened to each, with Retry for those that
 * failed. Undo restores the batch's keys as a batch too. */

typedef struct
{
  GWeakRef          window;
  AkAccountSession *session;
  AkKeyOperation    operation;
  /* The keys sent, for their identities in the window's batch_keys */
  GPtrArray        *keys;
  /* A restore batch: the results so far, and how many are to come */
  GPtrArray        *results;
  guint             pending;
  gboolean          retrying;
} Batch;

static void
batch_free (Batch *batch)
{
  g_weak_ref_clear (&batch->window);
  g_clear_object (&batch->session);
  g_clear_pointer (&batch->keys, g_ptr_array_unref);
  g_clear_pointer (&batch->results, g_ptr_array_unref);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

static char *
identity_of (AkKey *key)
{
  return ak_key_identity (ak_key_get_kind (key), ak_key_get_id (key));
}

/* From now until batch_end(), the window tells of these keys' results only
 * as part of the batch. */
static Batch *
batch_new (AkWindow       *self,
           AkKeyOperation  operation,
           GPtrArray      *keys)
{
  Batch *batch = g_new0 (Batch, 1);

  g_weak_ref_init (&batch->window, self);
  batch->session = g_object_ref (self->session);
  batch->operation = operation;
  batch->keys = g_ptr_array_ref (keys);

  for (guint i = 0; i < keys->len; i++)
    {
      char *identity = identity_of (g_ptr_array_index (keys, i));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->batch_keys, identity));

      g_hash_table_insert (self->batch_keys, identity, GUINT_TO_POINTER (count + 1));
    }

  return batch;
}

static void
batch_end (AkWindow *self,
           Batch    *batch)
{
  for (guint i = 0; i < batch->keys->len; i++)
    {
      g_autofree char *identity = identity_of (g_ptr_array_index (batch->keys, i));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->batch_keys, identity));

      if (count > 1)
        g_hash_table_insert (self->batch_keys, g_steal_pointer (&identity),
                             GUINT_TO_POINTER (count - 1));
      else
        g_hash_table_remove (self->batch_keys, identity);
    }
}

/**
 * _ak_window_in_batch:
 * @self: an #AkWindow
 * @key: a key
 *
 * Returns: whether @key is in a batch on its way, whose results are told
 *   together when it ends
 */
gboolean
_ak_window_in_batch (AkWindow *self,
                     AkKey    *key)
{
  g_autofree char *identity = NULL;

  if (self->batch_keys == NULL || g_hash_table_size (self->batch_keys) == 0)
    return FALSE;

  identity = identity_of (key);

  return g_hash_table_contains (self->batch_keys, identity);
}

/* What the batch ended with */

static void delete_batch_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

/* A line of the list of what happened: the key's result, and for a refusal
 * what permission it needs. */
static GtkWidget *
new_result_row (AkKeyResult *result)
{
  g_autofree char *message = ak_key_result_dup_message (result);
  const GError *error = ak_key_result_get_error (result);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label;

  label = gtk_label_new (message);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), label);

  if (ak_key_result_get_outcome (result) == AK_KEY_OUTCOME_NOT_ALLOWED && error != NULL)
    {
      label = gtk_label_new (error->message);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

static gboolean
is_problem (AkKeyResult *result)
{
  AkKeyOutcome outcome = ak_key_result_get_outcome (result);

  return outcome != AK_KEY_OUTCOME_DONE && outcome != AK_KEY_OUTCOME_ALREADY_GONE;
}

typedef struct
{
  GWeakRef   window;
  GPtrArray *results;
} Problems;

static void
problems_free (Problems *problems)
{
  g_weak_ref_clear (&problems->window);
  g_clear_pointer (&problems->results, g_ptr_array_unref);
  g_free (problems);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Problems, problems_free)

static void
problems_answered_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Problems) problems = user_data;
  g_autoptr(AkWindow) self = g_weak_ref_get (&problems->window);
  g_autofree char *response = NULL;
  g_autoptr(GPtrArray) retried = NULL;
  Batch *batch;

  response = ak_confirmation_choose_finish (AK_CONFIRMATION (object), result, NULL);
  if (self == NULL || g_strcmp0 (response, "retry") != 0 ||
      !ak_account_session_get_signed_in (self->session))
    return;

  /* Only the keys that failed are sent again; the others keep their
   * result, and the batch is told of again as a whole. */
  retried = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < problems->results->len; i++)
    {
      AkKeyResult *key_result = g_ptr_array_index (problems->results, i);

      if (ak_key_result_can_retry (key_result))
        g_ptr_array_add (retried, g_object_ref (ak_key_result_get_key (key_result)));
    }

  batch = batch_new (self, AK_KEY_OPERATION_DELETE, retried);
  batch->retrying = TRUE;
  ak_account_session_retry_failed_async (self->session, problems->results,
                                         delete_batch_cb, batch);
}

/* Some keys of the batch were not deleted (or restored), or may not have
 * been: a list of what happened to each, and Retry for the failed. */
static void
show_problems (AkWindow       *self,
               AkKeyOperation  operation,
               GPtrArray      *results)
{
  g_autoptr(AkConfirmation) message = NULL;
  g_autofree char *heading = NULL;
  Problems *problems;
  GtkWidget *rows;
  guint n_failed = 0;
  guint n_unknown = 0;
  gboolean can_retry = FALSE;
  const char *body;

  for (guint i = 0; i < results->len; i++)
    {
      AkKeyResult *result = g_ptr_array_index (results, i);

      if (!is_problem (result))
        continue;
      if (ak_key_result_get_outcome (result) == AK_KEY_OUTCOME_UNKNOWN ||
          ak_key_result_get_outcome (result) == AK_KEY_OUTCOME_CHECKING)
        n_unknown++;
      else
        n_failed++;
      can_retry |= operation == AK_KEY_OPERATION_DELETE && ak_key_result_can_retry (result);
    }

  if (operation == AK_KEY_OPERATION_RESTORE)
    {
      /* Translators: a heading after restoring several keys at once; %u is
       * how many of them were not restored. */
      heading = g_strdup_printf (ngettext ("%u Key Was Not Restored",
                                           "%u Keys Were Not Restored",
                                           n_failed + n_unknown),
                                 n_failed + n_unknown);
      body = _("They stay in Recently Deleted, from where they can be restored again.");
    }
  else
    {
      if (n_failed > 0)
        /* Translators: a heading after deleting several keys at once; %u is
         * how many of them were not deleted. */
        heading = g_strdup_printf (ngettext ("%u Key Was Not Deleted",
                                             "%u Keys Were Not Deleted",
                                             n_failed),
                                   n_failed);
      else
        heading = g_strdup (_("Some Keys May Not Have Been Deleted"));

      body = can_retry ? _("Here is what happened to each of them. Those that failed can be "
                           "tried again.")
                       : _("Here is what happened to each of them.");
    }

  message = ak_confirmation_new (heading, body);
  ak_confirmation_add_response (message, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  if (can_retry)
    {
      ak_confirmation_add_response (message, "retry", _("_Retry"), ADW_RESPONSE_SUGGESTED);
      ak_confirmation_set_default_response (message, "retry");
    }
  ak_confirmation_set_close_response (message, "close");

  rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  for (guint i = 0; i < results->len; i++)
    if (is_problem (g_ptr_array_index (results, i)))
      gtk_box_append (GTK_BOX (rows), new_result_row (g_ptr_array_index (results, i)));

  ak_confirmation_set_extra_child (message, _ak_list_scroller_new (rows));

  problems = g_new0 (Problems, 1);
  g_weak_ref_init (&problems->window, self);
  problems->results = g_ptr_array_ref (results);
  ak_confirmation_choose_async (message, GTK_WIDGET (self), NULL, problems_answered_cb, problems);
}

/* The toast for the keys deleted or restored, with one Undo for the
 * deleted keys that can come back. */
static void
show_batch_toast (AkWindow       *self,
                  AkKeyOperation  operation,
                  GPtrArray      *results)
{
  AkAccount *account = ak_account_session_get_account (self->session);
  g_autofree char *title = NULL;
  GVariantBuilder undo;
  guint n_done = 0;
  guint n_gone = 0;
  guint n_undo = 0;
  AdwToast *toast;

  g_variant_builder_init (&undo, G_VARIANT_TYPE ("a(us)"));
  for (guint i = 0; i < results->len; i++)
    {
      AkKeyResult *result = g_ptr_array_index (results, i);
      AkKey *key = ak_key_result_get_key (result);
      AkDeletedKey *entry;

      if (ak_key_result_get_outcome (result) == AK_KEY_OUTCOME_ALREADY_GONE)
        n_gone++;
      if (ak_key_result_get_outcome (result) != AK_KEY_OUTCOME_DONE)
        continue;

      n_done++;
      entry = operation == AK_KEY_OPERATION_DELETE
                ? ak_account_session_find_deleted (self->session, ak_key_get_kind (key),
                                                   ak_key_get_id (key))
                : NULL;
      if (entry != NULL && ak_deleted_key_get_restorable (entry))
        {
          g_variant_builder_add (&undo, "(us)", (guint32) ak_key_get_kind (key),
                                 ak_key_get_id (key));
          n_undo++;
        }
    }

  if (n_done == 0 && n_gone == 0)
    {
      g_variant_builder_clear (&undo);
      return;
    }

  if (operation == AK_KEY_OPERATION_RESTORE)
    /* Translators: a toast after restoring several keys; %u is how many. */
    title = g_strdup_printf (ngettext ("%u key restored", "%u keys restored", n_done), n_done);
  else if (n_gone == 0)
    /* Translators: a toast after deleting several keys; %u is how many. */
    title = g_strdup_printf (ngettext ("%u key deleted", "%u keys deleted", n_done), n_done);
  else if (n_done == 0)
    /* Translators: a toast after deleting several keys, which someone else
     * had deleted already; %u is how many. */
    title = g_strdup_printf (ngettext ("%u key was already deleted",
                                       "%u keys were already deleted", n_gone), n_gone);
  else
    /* Translators: a toast after deleting several keys, some of which
     * someone else had deleted already; %u is how many this app deleted. */
    title = g_strdup_printf (ngettext ("%u key deleted; the others were already deleted",
                                       "%u keys deleted; the others were already deleted",
                                       n_done), n_done);

  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (n_undo > 0 && account != NULL)
    {
      adw_toast_set_action_target_value (toast,
                                         g_variant_new ("(sa(us))", ak_account_get_id (account),
                                                        &undo));
      adw_toast_set_action_name (toast, "win.restore-keys");
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_timeout (toast, 10);
    }
  else
    {
      g_variant_builder_clear (&undo);
    }

  _ak_window_show_toast (self, toast);
}

/* Tells what the batch ended with. After a Retry, @results holds the
 * earlier results too: the toast counts only the keys of @batch, those just
 * sent, while the list of problems still names every key not deleted. */
static void
tell_batch (AkWindow       *self,
            Batch          *batch,
            GPtrArray      *results)
{
  AkKeyOperation operation = batch->operation;
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) told = g_ptr_array_new ();

  for (guint i = 0; i < batch->keys->len; i++)
    g_hash_table_add (sent, identity_of (g_ptr_array_index (batch->keys, i)));
  for (guint i = 0; i < results->len; i++)
    {
      AkKeyResult *result = g_ptr_array_index (results, i);
      g_autofree char *identity = identity_of (ak_key_result_get_key (result));

      if (g_hash_table_contains (sent, identity))
        g_ptr_array_add (told, result);
    }

  show_batch_toast (self, operation, told);

  for (guint i = 0; i < results->len; i++)
    if (is_problem (g_ptr_array_index (results, i)))
      {
        show_problems (self, operation, results);
        break;
      }
}

/* Deleting */

static void
delete_batch_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Batch) batch = user_data;
  g_autoptr(AkWindow) self = g_weak_ref_get (&batch->window);
  g_autoptr(GPtrArray) results = NULL;

  if (batch->retrying)
    results = ak_account_session_retry_failed_finish (AK_ACCOUNT_SESSION (object), result, NULL);
  else
    results = ak_account_session_delete_keys_finish (AK_ACCOUNT_SESSION (object), result, NULL);

  if (self == NULL)
    return;

  batch_end (self, batch);

  /* The window shows another account now; the session, closed, tells of
   * each key with a notification (see ak-session-watch.c). */
  if (results == NULL || self->session != batch->session)
    return;

  tell_batch (self, batch, results);
}

typedef struct
{
  GWeakRef   window;
  GPtrArray *keys;
} DeleteQuestion;

static void
delete_question_free (DeleteQuestion *question)
{
  g_weak_ref_clear (&question->window);
  g_clear_pointer (&question->keys, g_ptr_array_unref);
  g_free (question);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteQuestion, delete_question_free)

static void
delete_answered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DeleteQuestion) question = user_data;
  g_autoptr(AkWindow) self = g_weak_ref_get (&question->window);
  g_autofree char *response = NULL;
  AkKey *first;

  response = ak_confirmation_choose_finish (AK_CONFIRMATION (object), result, NULL);
  if (self == NULL || g_strcmp0 (response, "delete") != 0 ||
      !ak_account_session_get_signed_in (self->session))
    return;

  ak_key_list_set_selection_mode (self->key_list, FALSE);

  /* One key goes as any single delete does, with its own toast. */
  first = g_ptr_array_index (question->keys, 0);
  if (question->keys->len == 1)
    {
      _ak_window_start_delete (self, ak_key_get_kind (first), ak_key_get_id (first), first);
      return;
    }

  ak_account_session_delete_keys_async (self->session, question->keys, delete_batch_cb,
                                        batch_new (self, AK_KEY_OPERATION_DELETE,
                                                   question->keys));
}

static void
delete_selected_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkKeyChoice *choice = ak_key_list_get_choice (self->key_list);
  g_autoptr(GPtrArray) chosen = ak_key_choice_dup_chosen (choice);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) restorable = g_ptr_array_new ();
  g_autoptr(AkConfirmation) confirmation = NULL;
  AkKey *sign_in_key = NULL;
  DeleteQuestion *question;

  /* One question at a time: a second request shows the open dialog. */
  if (self->delete_dialog != NULL && ak_confirmation_present (self->delete_dialog))
    return;

  /* Keys already on their way out are not asked about again. The key this
   * app signs in with goes last: deleting it signs the app out. */
  for (guint i = 0; i < chosen->len; i++)
    {
      AkKey *key = g_ptr_array_index (chosen, i);

      if (ak_key_get_deleting (key) ||
          ak_account_session_is_deleting (self->session, ak_key_get_kind (key),
                                          ak_key_get_id (key)))
        continue;
      if (ak_account_session_is_sign_in_key (self->session, ak_key_get_kind (key),
                                             ak_key_get_id (key)))
        {
          sign_in_key = key;
          continue;
        }

      g_ptr_array_add (keys, g_object_ref (key));
    }
  if (sign_in_key != NULL)
    g_ptr_array_add (keys, g_object_ref (sign_in_key));

  if (keys->len == 0)
    return;

  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);

      g_ptr_array_add (restorable,
                       GINT_TO_POINTER (ak_account_session_can_restore (self->session,
                                                                        ak_key_get_kind (key),
                                                                        ak_key_get_id (key))));
    }

  if (keys->len == 1)
    confirmation = ak_delete_dialog_new (g_ptr_array_index (keys, 0),
                                         GPOINTER_TO_INT (g_ptr_array_index (restorable, 0)),
                                         sign_in_key != NULL);
  else
    confirmation = ak_delete_dialog_new_many (keys, restorable, sign_in_key != NULL);

  question = g_new0 (DeleteQuestion, 1);
  g_weak_ref_init (&question->window, self);
  question->keys = g_ptr_array_ref (keys);
  g_set_weak_pointer (&self->delete_dialog, confirmation);
  ak_confirmation_choose_async (confirmation, GTK_WIDGET (self), NULL,
                                delete_answered_cb, question);
}

/* Restoring (Undo) */

typedef struct
{
  Batch *batch;
  AkKey *key;
} RestoreItem;

static void
restore_batch_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RestoreItem *item = user_data;
  Batch *batch = item->batch;
  g_autoptr(AkKey) key = item->key;
  g_autoptr(AkKeyResult) key_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AkWindow) self = NULL;

  g_free (item);

  key_result = ak_account_session_restore_key_finish (AK_ACCOUNT_SESSION (object), result,
                                                      &error);
  /* Nothing was sent for it (signed out meanwhile, say). */
  if (key_result == NULL)
    key_result = ak_key_result_new (AK_KEY_OPERATION_RESTORE, AK_KEY_OUTCOME_FAILED,
                                    key, error);
  g_ptr_array_add (batch->results, g_steal_pointer (&key_result));

  if (--batch->pending > 0)
    return;

  self = g_weak_ref_get (&batch->window);
  if (self != NULL)
    {
      batch_end (self, batch);
      if (self->session == batch->session)
        tell_batch (self, batch, batch->results);
    }

  batch_free (batch);
}

static void
restore_keys_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);
  AkAccount *account = ak_account_session_get_account (self->session);
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  const char *account_id;
  const char *id;
  guint32 kind;
  Batch *batch;

  /* Only for the account whose keys they were: the toast may outlive a
   * switch. */
  g_variant_get (parameter, "(&sa(us))", &account_id, &iter);
  if (account == NULL || g_strcmp0 (ak_account_get_id (account), account_id) != 0)
    return;

  while (g_variant_iter_next (iter, "(u&s)", &kind, &id))
    {
      AkDeletedKey *entry = ak_account_session_find_deleted (self->session, kind, id);

      /* Restored already, from Recently Deleted, or on its way back. */
      if (entry == NULL || !ak_deleted_key_get_restorable (entry) ||
          ak_deleted_key_get_restoring (entry))
        continue;

      g_ptr_array_add (keys, g_object_ref (ak_deleted_key_get_key (entry)));
    }

  if (keys->len == 0)
    return;

  batch = batch_new (self, AK_KEY_OPERATION_RESTORE, keys);
  batch->results = g_ptr_array_new_with_free_func (g_object_unref);
  batch->pending = keys->len;
  for (guint i = 0; i < keys->len; i++)
    {
      AkKey *key = g_ptr_array_index (keys, i);
      RestoreItem *item = g_new0 (RestoreItem, 1);

      item->batch = batch;
      item->key = g_object_ref (key);
      ak_account_session_restore_key_async (self->session, ak_key_get_kind (key),
                                            ak_key_get_id (key), restore_batch_cb, item);
    }
}

/* Selection mode */

static void
selection_mode_change_state (GSimpleAction *action,
                             GVariant      *value,
                             gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);

  ak_key_list_set_selection_mode (self->key_list, g_variant_get_boolean (value));
}

static void
select_all_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AkWindow *self = AK_WINDOW (user_data);

  ak_key_list_choose_all (self->key_list);
}

static void
set_enabled (AkWindow   *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/**
 * _ak_window_update_selection:
 * @self: an #AkWindow
 *
 * Selection mode's actions, action bar and the Delete button's count, as
 * the session's state, the mode and the keys ticked are now.
 */
void
_ak_window_update_selection (AkWindow *self)
{
  gboolean on = ak_key_list_get_selection_mode (self->key_list);
  guint n = ak_key_choice_get_n_chosen (ak_key_list_get_choice (self->key_list));
  GAction *mode = g_action_map_lookup_action (G_ACTION_MAP (self), "selection-mode");
  g_autofree char *label = NULL;
  gboolean ready;

  /* Until the window has its first session, and its actions. */
  if (mode == NULL || self->session == NULL)
    return;

  ready = ak_account_session_get_signed_in (self->session) &&
          ak_account_session_get_state (self->session) == AK_ACCOUNT_SESSION_STATE_KEYS;

  g_simple_action_set_state (G_SIMPLE_ACTION (mode), g_variant_new_boolean (on));
  set_enabled (self, "selection-mode", ready || on);
  set_enabled (self, "select-all", ready && on);
  set_enabled (self, "delete-selected", ready && on && n > 0);
  /* Hidden, not only folded away: a folded action bar still asks for its
   * buttons' width, which a narrow window has no room for. */
  gtk_widget_set_visible (GTK_WIDGET (self->selection_bar), on);
  gtk_action_bar_set_revealed (self->selection_bar, on);

  if (n > 0)
    /* Translators: the button that asks to delete the keys ticked in
     * selection mode; %u is how many. */
    label = g_strdup_printf (ngettext ("_Delete %u Key…", "_Delete %u Keys…", n), n);
  else
    label = g_strdup (_("_Delete Keys…"));
  gtk_button_set_label (self->delete_chosen_button, label);
}

static void
selection_changed_cb (AkWindow   *self,
                      GParamSpec *pspec,
                      GObject    *object)
{
  _ak_window_update_selection (self);
}

/* Escape leaves selection mode wherever the focus is in the window (the
 * list closes its search first). */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  AkWindow *self = AK_WINDOW (widget);

  if (!ak_key_list_get_selection_mode (self->key_list))
    return FALSE;

  ak_key_list_set_selection_mode (self->key_list, FALSE);

  return TRUE;
}

static const GActionEntry selection_entries[] = {
  { "selection-mode", NULL, NULL, "false", selection_mode_change_state },
  { "select-all", select_all_action },
  { "delete-selected", delete_selected_action },
  { "restore-keys", restore_keys_action, "(sa(us))" },
};

void
_ak_window_add_selection_actions (AkWindow *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  g_action_map_add_action_entries (G_ACTION_MAP (self), selection_entries,
                                   G_N_ELEMENTS (selection_entries), self);

  g_signal_connect_object (self->key_list, "notify::selection-mode",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ak_key_list_get_choice (self->key_list), "notify::n-chosen",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_callback_action_new (escape_cb, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  _ak_window_update_selection (self);
}
