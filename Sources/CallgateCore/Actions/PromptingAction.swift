/// An action that plays one prompt and goes on when it ends (`play`, `say`): the call waits for
/// the end of the prompt; a hangup stops it. The action names its prompt; the rest is shared.
protocol PromptingAction: RunnableAction, RunningAction {
    var prompt: Prompt { get }
}

extension PromptingAction {
    func start(in call: inout CallMachine) -> ActionStep {
        call.effects.append(.startPrompt(prompt))
        return .wait(self)
    }

    func promptFinished(in call: inout CallMachine) -> ActionStep { .next }

    func stop(_ cause: StopCause, in call: inout CallMachine) -> AfterStop {
        call.effects.append(.stopPrompt)
        return .nothing
    }
}
